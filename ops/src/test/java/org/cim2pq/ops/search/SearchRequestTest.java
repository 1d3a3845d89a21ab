package org.cim2pq.ops.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The hardware preset is part of what defines a search: recorded in its configuration, read back on resume. */
class SearchRequestTest {

    @Test
    void thePresetIsRecordedAndReadBack() {
        SearchRequest r = new SearchRequest("s", "lenet5", "fashion-mnist", 1, 4, 1, "array", "qnsga3", "bitserial",
                100, 64, null, null, "neurosim-22nm");
        assertTrue(r.toJson().contains("\"preset\":\"neurosim-22nm\""), r.toJson());
        assertEquals(r, SearchRequest.fromJson("s", r.toJson()));
    }

    @Test
    void theDefaultPresetLeavesTheConfigurationAsItWas() {
        SearchRequest r = new SearchRequest("s", "lenet5", "fashion-mnist", 1, 4, 1, "array", "qnsga3", "psum", 100, 64,
                null, null);
        assertEquals("isaac-32nm", r.preset());
        assertTrue(!r.toJson().contains("preset"), r.toJson());
    }

    @Test
    void aConfigurationFromBeforePresetsMeansTheDefaultPreset() {
        String old = "{\"model\":\"lenet5\",\"dataset\":\"fashion-mnist\",\"seed\":1,\"population\":4,"
                + "\"generations\":1,\"granularity\":\"array\",\"selection\":\"qnsga3\",\"fidelity\":\"psum\","
                + "\"eval-images\":100,\"calibration-images\":64}";
        assertEquals("isaac-32nm", SearchRequest.fromJson("s", old).preset());
    }
}
