package org.cim2pq.ops.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The hardware preset, the calibration and the re-scoring are part of what defines a search: recorded in its
 * configuration, read back on resume; a configuration from before they existed reads as what it ran.
 */
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
    void theNoiseProfileIsRecordedAndReadBackAndIdealLeavesTheConfigurationAsItWas() {
        SearchRequest noisy = new SearchRequest("s", "lenet5", "fashion-mnist", 7, 4, 1, "array", "qnsga3",
                "bitserial", 100, 64, null, null, "isaac-32nm", Calibration.DEFAULT, "", "typical-rram", 3);
        assertTrue(noisy.toJson().contains("\"noise\":\"typical-rram\",\"noise-draws\":3"), noisy.toJson());
        assertEquals(noisy, SearchRequest.fromJson("s", noisy.toJson()));
        assertEquals(noisy.noiseSetting(), SearchRequest.fromJson("s", noisy.toJson()).noiseSetting(),
                "the noise seed comes from the search seed alone");
        SearchRequest other = new SearchRequest("s", "lenet5", "fashion-mnist", 8, 4, 1, "array", "qnsga3",
                "bitserial", 100, 64, null, null, "isaac-32nm", Calibration.DEFAULT, "", "typical-rram", 3);
        assertTrue(noisy.noiseSetting().seed() != other.noiseSetting().seed(), "another search seed, other chips");
        SearchRequest ideal = new SearchRequest("s", "lenet5", "fashion-mnist", 1, 4, 1, "array", "qnsga3",
                "bitserial", 100, 64, null, null);
        assertTrue(!ideal.toJson().contains("noise"), ideal.toJson());
        assertEquals("ideal", SearchRequest.fromJson("s", ideal.toJson()).noise());
    }

    @Test
    void aConfigurationFromBeforePresetsMeansTheDefaultPreset() {
        String old = "{\"model\":\"lenet5\",\"dataset\":\"fashion-mnist\",\"seed\":1,\"population\":4,"
                + "\"generations\":1,\"granularity\":\"array\",\"selection\":\"qnsga3\",\"fidelity\":\"psum\","
                + "\"eval-images\":100,\"calibration-images\":64}";
        assertEquals("isaac-32nm", SearchRequest.fromJson("s", old).preset());
    }

    @Test
    void calibrationChoicesAndRescoringAreRecordedAndReadBack() {
        SearchRequest r = new SearchRequest("s", "lenet5", "fashion-mnist", 1, 4, 1, "array", "qnsga3", "psum", 100, 64,
                null, null, "isaac-32nm", new Calibration(false, true, false, true), "bitserial");
        String json = r.toJson();
        assertTrue(json.contains("\"per-column-weight-scales\":true") && json.contains("\"rescore\":\"bitserial\"")
                && json.contains("\"quantized-psum-calibration\":true"), json);
        assertTrue(!json.contains("fold-input") && !json.contains("output-weighted-adc"), json);
        assertEquals(r, SearchRequest.fromJson("s", json));
        SearchRequest defaults = new SearchRequest("s", "lenet5", "fashion-mnist", 1, 4, 1, "array", "qnsga3", "psum",
                100, 64, null, null);
        assertTrue(defaults.toJson().contains("\"fold-input\":true") && !defaults.toJson().contains("rescore"),
                defaults.toJson());
        assertEquals(defaults, SearchRequest.fromJson("s", defaults.toJson()));
    }

    @Test
    void aConfigurationFromBeforeCalibrationChoicesRanWithEveryOneOff() {
        String old = "{\"model\":\"lenet5\",\"dataset\":\"fashion-mnist\",\"seed\":1,\"population\":4,"
                + "\"generations\":1,\"granularity\":\"array\",\"selection\":\"qnsga3\",\"fidelity\":\"psum\","
                + "\"eval-images\":100,\"calibration-images\":64}";
        SearchRequest r = SearchRequest.fromJson("s", old);
        assertEquals(new Calibration(false, false, false, false), r.calibration());
        assertTrue(!r.rescores());
        assertEquals(SearchRequest.fromJson("s", old).toJson(), r.toJson());
        assertTrue(!r.toJson().contains("fold-input") && !r.toJson().contains("rescore"),
                "an old configuration renders as it was recorded, so resume accepts it: " + r.toJson());
    }

    @Test
    void theHeldOutImagesAreRecordedAndAConfigurationFromBeforeThemHoldsNoneOut() {
        SearchRequest all = new SearchRequest("s", "lenet5", "fashion-mnist", 1, 4, 1, "array", "qnsga3", "bitserial",
                100, 64, null, null, "isaac-32nm", Calibration.DEFAULT, "", "ideal", 4, SearchRequest.HELD_OUT_ALL);
        assertTrue(all.toJson().contains("\"held-out\":\"all\""), all.toJson());
        assertEquals(all, SearchRequest.fromJson("s", all.toJson()));
        SearchRequest some = new SearchRequest("s", "lenet5", "fashion-mnist", 1, 4, 1, "array", "qnsga3", "bitserial",
                100, 64, null, null, "isaac-32nm", Calibration.DEFAULT, "", "ideal", 4, "2500");
        assertEquals("2500", SearchRequest.fromJson("s", some.toJson()).heldOut());
        SearchRequest none = new SearchRequest("s", "lenet5", "fashion-mnist", 1, 4, 1, "array", "qnsga3", "bitserial",
                100, 64, null, null, "isaac-32nm", Calibration.DEFAULT, "", "ideal", 4, SearchRequest.HELD_OUT_NONE);
        assertTrue(!none.toJson().contains("held-out") && !none.holdsOut(), none.toJson());
        String old = "{\"model\":\"lenet5\",\"dataset\":\"fashion-mnist\",\"seed\":1,\"population\":4,"
                + "\"generations\":1,\"granularity\":\"array\",\"selection\":\"qnsga3\",\"fidelity\":\"psum\","
                + "\"eval-images\":100,\"calibration-images\":64}";
        assertTrue(!SearchRequest.fromJson("s", old).holdsOut(), "a search journaled before held-out fronts holds none out");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new SearchRequest("s",
                "lenet5", "fashion-mnist", 1, 4, 1, "array", "qnsga3", "bitserial", 100, 64, null, null, "isaac-32nm",
                Calibration.DEFAULT, "", "ideal", 4, "0"));
    }

    @Test
    void arraysPinsAndSensitivityAreRecordedAndAConfigurationFromBeforeThemMeansNone() {
        SearchRequest r = new SearchRequest("s", "lenet5", "fashion-mnist", 1, 4, 1, "array", "qnsga3", "bitserial",
                100, 64, null, null, "isaac-32nm", Calibration.DEFAULT, "", "ideal", 4, SearchRequest.HELD_OUT_NONE,
                0.2, 5, new SpaceChoices("256x128", 1, "offset", true, true));
        String json = r.toJson();
        assertTrue(json.contains("\"array\":\"256x128\"") && json.contains("\"cell-bits\":1")
                && json.contains("\"encoding\":\"offset\"") && json.contains("\"pin-first-last\":true")
                && json.contains("\"sensitivity\":true"), json);
        assertEquals(r, SearchRequest.fromJson("s", json));
        assertEquals(256, r.spaceChoices().arrayConfig().rows());
        SearchRequest cli = new SearchRequest("s", "lenet5", "fashion-mnist", 1, 4, 1, "array", "qnsga3", "bitserial",
                100, 64, null, null, "isaac-32nm", Calibration.DEFAULT, "", "ideal", 4, SearchRequest.HELD_OUT_NONE,
                0.2, 5, SpaceChoices.DEFAULT);
        assertTrue(cli.toJson().contains("\"sensitivity\":true") && !cli.toJson().contains("\"array\":")
                && !cli.toJson().contains("pin-first-last"), cli.toJson());
        String old = "{\"model\":\"lenet5\",\"dataset\":\"fashion-mnist\",\"seed\":1,\"population\":4,"
                + "\"generations\":1,\"granularity\":\"array\",\"selection\":\"qnsga3\",\"fidelity\":\"psum\","
                + "\"eval-images\":100,\"calibration-images\":64}";
        assertEquals(SpaceChoices.NONE, SearchRequest.fromJson("s", old).spaceChoices(),
                "a search journaled before these choices ran on the METHOD.md arrays, unpinned, unbiased");
        assertEquals(old.length(), SearchRequest.fromJson("s", old).toJson().length());
    }
}
