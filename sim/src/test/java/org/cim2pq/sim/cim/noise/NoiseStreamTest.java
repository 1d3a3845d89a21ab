package org.cim2pq.sim.cim.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class NoiseStreamTest {

    @Test
    void gaussianHasUnitVarianceAndZeroMean() {
        long stream = NoiseStream.key(7, NoiseStream.Purpose.CONVERSION, 0, 1);
        int n = 1_000_000;
        double sum = 0;
        double squares = 0;
        double fourth = 0;
        for (long i = 0; i < n; i++) {
            double g = NoiseStream.gaussian(NoiseStream.at(stream, i));
            sum += g;
            squares += g * g;
            fourth += g * g * g * g;
        }
        double mean = sum / n;
        double variance = squares / n - mean * mean;
        assertEquals(0, mean, 0.005);
        assertEquals(1, variance, 0.005);
        // Irwin-Hall of 8: kurtosis 3 - 1.2 / 8 = 2.85
        assertEquals(2.85, fourth / n, 0.03);
    }

    @Test
    void scaleIsTheIrwinHallStandardDeviation() {
        assertEquals((float) (1 / Math.sqrt(8 * (256.0 * 256 - 1) / 12)), NoiseStream.GAUSSIAN_SCALE, 0f);
        assertEquals(-1020 * NoiseStream.GAUSSIAN_SCALE, NoiseStream.gaussian(0), 0f);
        assertEquals(1020 * NoiseStream.GAUSSIAN_SCALE, NoiseStream.gaussian(-1L), 0f);
    }

    @Test
    void atIsSplitMix64() {
        // SplittableRandom(seed).nextLong() is mix64(seed + GAMMA): SplitMix64 at position 1
        long seed = 123456789L;
        assertEquals(new SplittableRandom(seed).nextLong(), NoiseStream.at(seed, 1));
    }

    @Test
    void keysOfOtherPartsOrPurposesDiffer() {
        long a = NoiseStream.key(1, NoiseStream.Purpose.ADC, 0, 3);
        assertNotEquals(a, NoiseStream.key(1, NoiseStream.Purpose.ADC, 1, 3));
        assertNotEquals(a, NoiseStream.key(1, NoiseStream.Purpose.ADC, 0, 4));
        assertNotEquals(a, NoiseStream.key(1, NoiseStream.Purpose.STUCK_AT, 0, 3));
        assertNotEquals(a, NoiseStream.key(2, NoiseStream.Purpose.ADC, 0, 3));
        assertEquals(a, NoiseStream.key(1, NoiseStream.Purpose.ADC, 0, 3));
        double u = NoiseStream.uniform(-1L);
        assertTrue(u < 1 && u > 0.999);
    }
}
