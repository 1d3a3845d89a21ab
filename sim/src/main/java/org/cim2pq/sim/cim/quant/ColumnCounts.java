package org.cim2pq.sim.cim.quant;

import java.nio.FloatBuffer;

/**
 * Column counts recorded for a bit-serial ADC's calibration, grouped by the output they recombine into: output
 * {@code i}'s terms are {@code counts[i * terms + t]}, {@code t = z * groups + group} for input cycle z and column
 * group (sign column x slice), each weighing {@code coefficients[t]} (its shift-add coefficient) in the output. So a
 * range can be chosen for the error of the output, where the MSB cycle and slice weigh up to {@code 2^(bIn-1) *
 * (2^cellBits)^(slices-1)} times the LSB ones and clipping errors add up with their signs.
 *
 * @param max the largest count recorded (over all outputs, sampled or not): the top of the range search
 * @param strided at most as many counts, taken with an even stride over all of them regardless of their outputs
 *        ({@link CalibrationSamples#strided}): the samples of the raw-count range search
 */
public record ColumnCounts(float max, float[] counts, double[] coefficients, float[] strided) {

    public ColumnCounts {
        if (coefficients.length == 0 || counts.length % coefficients.length != 0) {
            throw new IllegalArgumentException(counts.length + " counts do not group into outputs of "
                    + coefficients.length + " terms");
        }
    }

    public int terms() {
        return coefficients.length;
    }

    public int outputs() {
        return counts.length / coefficients.length;
    }

    /**
     * The counts of weight slice {@code slice} (both polarity columns, every input cycle) when the terms of an output
     * are {@code t = z * groups + group} and groups are ordered (polarity, slice): {@code group % slices == slice}.
     */
    public float[] ofSlice(int groups, int slices, int slice) {
        int terms = terms();
        if (groups < 1 || terms % groups != 0 || groups % slices != 0 || slice < 0 || slice >= slices) {
            throw new IllegalArgumentException(terms + " terms do not hold slice " + slice + " of " + slices
                    + " in " + groups + " groups");
        }
        int per = terms / groups * (groups / slices);
        float[] out = new float[outputs() * per];
        int n = 0;
        for (int i = 0; i < counts.length; i++) {
            if (i % terms % groups % slices == slice) {
                out[n++] = counts[i];
            }
        }
        return out;
    }

    /**
     * The outputs of {@code parts} one after another (e.g. every tile of a layer, for one ADC range per layer): the
     * largest count of all, their sampled outputs and strided counts concatenated. The parts must have the same terms.
     */
    public static ColumnCounts pool(java.util.List<ColumnCounts> parts) {
        double[] coefficients = parts.get(0).coefficients();
        float max = 0;
        for (ColumnCounts c : parts) {
            if (!java.util.Arrays.equals(coefficients, c.coefficients())) {
                throw new IllegalArgumentException("pooled column counts must recombine with the same coefficients");
            }
            max = Math.max(max, c.max());
        }
        return new ColumnCounts(max, CalibrationSamples.concat(parts.stream().map(ColumnCounts::counts).toList()),
                coefficients, CalibrationSamples.concat(parts.stream().map(ColumnCounts::strided).toList()));
    }

    /**
     * At most {@code maxCounts} counts, as whole outputs taken with an even stride (deterministic), from
     * {@code recorded} laid out {@code (cycles * images, groups * channels, plane)} as the bit-serial column-count
     * convolution writes them.
     */
    public static ColumnCounts sample(float[] recorded, int images, int groups, int channels, int plane,
                                      double[] coefficients, int maxCounts) {
        return sample(FloatBuffer.wrap(recorded), images, groups, channels, plane, coefficients, maxCounts);
    }

    /**
     * {@link #sample(float[], int, int, int, int, double[], int)} of the counts {@code 0 .. limit-1} of
     * {@code recorded}, read in place (e.g. the native memory of the recording convolution's output, which at 32
     * images is up to ~100 MB that would otherwise be copied to the heap for every (tile, bIn, bW)).
     */
    public static ColumnCounts sample(FloatBuffer recorded, int images, int groups, int channels, int plane,
                                      double[] coefficients, int maxCounts) {
        int terms = coefficients.length;
        int cycles = terms / groups;
        long outputs = (long) images * channels * plane;
        if (cycles * groups != terms || (long) terms * outputs != recorded.limit()) {
            throw new IllegalArgumentException(recorded.limit() + " recorded counts do not match their layout: "
                    + terms + " terms of " + groups + " groups, " + images + " images x " + channels + " channels x "
                    + plane);
        }
        float max = 0;
        for (int i = 0, n = recorded.limit(); i < n; i++) {
            max = Math.max(max, recorded.get(i));
        }
        int kept = (int) Math.max(1, Math.min(outputs, maxCounts / terms));
        double stride = (double) outputs / kept;
        float[] counts = new float[kept * terms];
        for (int i = 0; i < kept; i++) {
            long out = (long) (i * stride);
            long n = out / ((long) channels * plane);
            long o = out / plane % channels;
            long p = out % plane;
            for (int z = 0; z < cycles; z++) {
                for (int g = 0; g < groups; g++) {
                    long index = ((z * images + n) * groups * channels + g * channels + o) * plane + p;
                    counts[i * terms + z * groups + g] = recorded.get((int) index);
                }
            }
        }
        return new ColumnCounts(max, counts, coefficients, CalibrationSamples.strided(recorded, maxCounts));
    }
}
