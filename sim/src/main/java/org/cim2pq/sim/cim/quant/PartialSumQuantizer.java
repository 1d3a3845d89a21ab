package org.cim2pq.sim.cim.quant;

/**
 * A tile's ADC. In {@code psum} fidelity it digitises the tile's signed partial sum (differential columns
 * subtracted) with a symmetric {@code bits}-bit quantizer; in {@code bitserial} fidelity it digitises the unsigned
 * count of one (input digit, weight slice) column with levels {@code 0 .. 2^b - 1} and a step of at least one count
 * (a finer step than one count cannot resolve more, counts being integers).
 *
 * @param bits ADC resolution, or {@link TilePrecisions#LOSSLESS}
 * @param quantizer the quantizer; {@code null} when lossless
 */
public record PartialSumQuantizer(int bits, UniformQuantizer quantizer) {

    /** An ideal ADC. */
    public static final PartialSumQuantizer LOSSLESS = new PartialSumQuantizer(TilePrecisions.LOSSLESS, null);

    public boolean isLossless() {
        return quantizer == null;
    }

    /** Signed ADC on real-valued partial sums for {@code psum} fidelity. */
    public static PartialSumQuantizer signed(int bits, float clip) {
        return new PartialSumQuantizer(bits, UniformQuantizer.symmetric(bits, clip));
    }

    /** Unsigned ADC on integer column counts for {@code bitserial} fidelity. */
    public static PartialSumQuantizer counts(int bits, float clip) {
        int max = (1 << bits) - 1;
        float step = Math.max(1f, clip / max);
        return new PartialSumQuantizer(bits, new UniformQuantizer(step, 0, max));
    }
}
