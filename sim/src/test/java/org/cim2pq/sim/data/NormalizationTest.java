package org.cim2pq.sim.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NormalizationTest {

    @Test
    void normalisesPerChannelAndRoundTripsAsText() {
        Normalization n = Normalization.CIFAR10;
        assertEquals((1f - 0.4914f) / 0.2470f, n.normalize(0, 255), 1e-6);
        assertEquals((0f - 0.4465f) / 0.2616f, n.normalize(2, 0), 1e-6);
        assertEquals(n, new Normalization(Normalization.parse(Normalization.format(n.mean())),
                Normalization.parse(Normalization.format(n.std()))));
    }

    @Test
    void normalisesImagesChannelMajor() {
        byte[] px = {0, (byte) 255, 10, 20};
        ImageSet set = new ImageSet("two-channel", 2, 1, 2, 1, px, new int[] {0});
        Normalization n = new Normalization(new float[] {0f, 1f}, new float[] {1f, 0.5f});
        assertArrayEquals(new float[] {0f, 1f, (10 / 255f - 1f) / 0.5f, (20 / 255f - 1f) / 0.5f},
                n.normalize(set, 0, 1), 1e-6f);
        assertThrows(IllegalArgumentException.class, () -> Normalization.FASHION_MNIST.normalize(set, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Normalization(new float[] {0}, new float[] {0}));
    }
}
