package org.cim2pq.sim.cim.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.function.DoubleFunction;

import org.junit.jupiter.api.Test;

/** Column counts grouped by their output, and the range search for the output's error. */
class ColumnCountsTest {

    /** (cycles * images, groups * channels, plane) with count = 1000 z + 100 g + 10 (n * channels + o) + p. */
    static float[] recorded(int cycles, int images, int groups, int channels, int plane) {
        float[] r = new float[cycles * images * groups * channels * plane];
        for (int z = 0; z < cycles; z++) {
            for (int n = 0; n < images; n++) {
                for (int g = 0; g < groups; g++) {
                    for (int o = 0; o < channels; o++) {
                        for (int p = 0; p < plane; p++) {
                            r[(((z * images + n) * groups + g) * channels + o) * plane + p] =
                                    1000 * z + 100 * g + 10 * (n * channels + o) + p;
                        }
                    }
                }
            }
        }
        return r;
    }

    @Test
    void eachOutputKeepsItsOwnTermsInCycleAndGroupOrder() {
        double[] coef = {1, -1, 2, -2, 4, -4}; // 3 cycles x 2 groups
        ColumnCounts c = ColumnCounts.sample(recorded(3, 2, 2, 2, 3), 2, 2, 2, 3, coef, 1 << 20);
        assertEquals(2 * 2 * 3, c.outputs());
        assertEquals(2 * 1000 + 100 + 10 * 3 + 2, c.max());
        // output 7 = image 1, channel 0, pixel 1: its terms (z, g) are 1000 z + 100 g + 10 * 2 + 1
        float[] terms = Arrays.copyOfRange(c.counts(), 7 * 6, 8 * 6);
        assertArrayEquals(new float[] {21, 121, 1021, 1121, 2021, 2121}, terms);
    }

    @Test
    void sampledOutputsStayWhole() {
        ColumnCounts c = ColumnCounts.sample(recorded(2, 4, 1, 4, 5), 4, 1, 4, 5, new double[] {1, 2}, 20);
        assertEquals(10, c.outputs());
        for (int i = 0; i < c.outputs(); i++) {
            assertEquals(c.counts()[2 * i] + 1000, c.counts()[2 * i + 1], "output " + i + ": its cycle-1 term");
        }
        assertEquals(20, c.strided().length);
    }

    @Test
    void outputErrorSearchFitsTheHeavyTerm() {
        // a heavy term (coefficient 64) with counts up to 8 and a light one (coefficient 1) up to 297: a 3-bit ADC
        // fitted to the raw counts serves the light term's range, fitted to the output error the heavy one's
        float[] counts = new float[2 * 100];
        for (int i = 0; i < 100; i++) {
            counts[2 * i] = i % 9;
            counts[2 * i + 1] = 3 * i;
        }
        ColumnCounts c = new ColumnCounts(297, counts, new double[] {64, 1}, counts);
        DoubleFunction<UniformQuantizer> adc = clip -> PartialSumQuantizer.counts(3, (float) clip).quantizer();
        float output = ClippingSearch.outputMseOptimalClip(c, adc);
        float raw = ClippingSearch.mseOptimalClip(counts, adc);
        assertTrue(output < raw / 4, "output-error clip " + output + " well below the raw-count clip " + raw);
    }
}
