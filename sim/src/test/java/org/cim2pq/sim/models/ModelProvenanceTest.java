package org.cim2pq.sim.models;

import org.cim2pq.sim.data.Normalization;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelProvenanceTest {

    static ModelProvenance sample() {
        return new ModelProvenance("resnet8", "cifar10", new int[] {3, 32, 32}, 10, Normalization.CIFAR10, 42, 3,
                64, "sgd(lr=0.05)", "random-crop(pad=4)+hflip", 0.9123, 10_000, 12.5, "0.1.0+abc",
                "2026-11-27T18:00:00Z", "cim2pq train --model resnet8 --out C:\\x=y.params", "00ff");
    }

    @Test
    void roundTripsThroughItsFileFormat() throws IOException {
        StringWriter w = new StringWriter();
        sample().write(w);
        assertEquals(sample(), ModelProvenance.read(new StringReader(w.toString())));
        assertTrue(w.toString().contains("test.accuracy=0.9123"));
    }

    @Test
    void missingKeyIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelProvenance.read(new StringReader("model=resnet8\n")));
        assertTrue(e.getMessage().contains("dataset"), e.getMessage());
    }
}
