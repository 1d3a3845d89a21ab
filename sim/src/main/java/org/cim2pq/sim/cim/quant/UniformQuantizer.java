package org.cim2pq.sim.cim.quant;

/**
 * A uniform quantizer {@code q = clamp(round(x / scale), min, max)}, {@code x^ = q * scale}.
 *
 * @param scale step size in real units
 * @param min smallest integer level
 * @param max largest integer level
 */
public record UniformQuantizer(float scale, int min, int max) {

    public UniformQuantizer {
        if (!(scale > 0) || Float.isInfinite(scale) || min > max) {
            throw new IllegalArgumentException("bad quantizer scale=" + scale + " levels " + min + ".." + max);
        }
    }

    /** Unsigned {@code bits}-bit quantizer on [0, clip]: levels 0 .. 2^b - 1 (inputs after ReLU). */
    public static UniformQuantizer unsigned(int bits, float clip) {
        int max = (1 << bits) - 1;
        return new UniformQuantizer(safe(clip) / max, 0, max);
    }

    /** Two's-complement {@code bits}-bit quantizer: levels -2^(b-1) .. 2^(b-1) - 1 (signed inputs, bit-serial). */
    public static UniformQuantizer twosComplement(int bits, float clip) {
        int max = (1 << (bits - 1)) - 1;
        return new UniformQuantizer(safe(clip) / max, -max - 1, max);
    }

    /** Symmetric {@code bits}-bit quantizer: levels -(2^(b-1) - 1) .. 2^(b-1) - 1 (weights, signed ADC). */
    public static UniformQuantizer symmetric(int bits, float clip) {
        int max = (1 << (bits - 1)) - 1;
        return new UniformQuantizer(safe(clip) / max, -max, max);
    }

    /** A zero clip (an all-zero slice) still needs a valid step; any positive step represents zero exactly. */
    private static float safe(float clip) {
        return clip > 0 && Float.isFinite(clip) ? clip : 1f;
    }

    /** The integer level of {@code x}. */
    public int level(float x) {
        return (int) Math.max(min, Math.min(max, Math.rint(x / scale)));
    }

    /** {@code x} quantized and dequantized. */
    public float apply(float x) {
        return level(x) * scale;
    }

    /** Largest representable magnitude. */
    public float clip() {
        return Math.max(Math.abs(min), Math.abs(max)) * scale;
    }
}
