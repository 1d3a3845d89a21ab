package org.cim2pq.sim.cim.quant;

import java.util.function.IntToDoubleFunction;

/**
 * Column counts recorded for a bit-serial ADC's calibration, each with its weight in the recombined output: the
 * square of its shift-add coefficient ({@code (2^z * (2^cellBits)^k)^2} for input cycle z and slice k), so that a
 * weighted MSE range search minimises the error of the output, where the MSB cycle and slice weigh most.
 */
public record ColumnCounts(float[] counts, float[] weights) {

    public ColumnCounts {
        if (counts.length != weights.length) {
            throw new IllegalArgumentException(weights.length + " weights for " + counts.length + " counts");
        }
    }

    /**
     * At most {@code max} of {@code counts} with their weights ({@code weight} of the count's index), taken with an
     * even stride as {@link CalibrationSamples#strided}: the smallest and the largest count are always kept.
     */
    public static ColumnCounts strided(float[] counts, IntToDoubleFunction weight, int max) {
        int n = Math.min(counts.length, max);
        int[] index = new int[n];
        if (counts.length <= max) {
            for (int i = 0; i < n; i++) {
                index[i] = i;
            }
        } else {
            int lo = 0;
            int hi = 0;
            for (int i = 1; i < counts.length; i++) {
                lo = counts[i] < counts[lo] ? i : lo;
                hi = counts[i] > counts[hi] ? i : hi;
            }
            index[0] = lo;
            index[1] = hi;
            double step = (double) (counts.length - 2) / (max - 2);
            for (int i = 2; i < max; i++) {
                index[i] = (int) ((i - 2) * step);
            }
        }
        float[] c = new float[n];
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            c[i] = counts[index[i]];
            w[i] = (float) weight.applyAsDouble(index[i]);
        }
        return new ColumnCounts(c, w);
    }
}
