package org.cim2pq.sim.cim.noise;

/**
 * Counter-based random numbers: every draw is a pure function of its key (seed, purpose, draw index, position), so a
 * noisy evaluation gives the same result in any thread or pipeline order, on resume and in {@code verify}, and the
 * native kernel ({@code sim/src/main/c/bitserial_kernel.c}) computes the same numbers as Java. The hash is SplitMix64
 * (the JDK's {@code SplittableRandom} finaliser); a Gaussian is the Irwin-Hall sum of the hash's 8 bytes, centred
 * and scaled to unit variance: bounded at +-4.9 sigma, excess kurtosis -0.15, exact in float in both languages.
 */
public final class NoiseStream {

    /** SplitMix64's increment. */
    public static final long GAMMA = 0x9E3779B97F4A7C15L;
    /** {@code 1 / sqrt(8 * (256^2 - 1) / 12)}: the Irwin-Hall sum's standard deviation, inverted, as float. */
    public static final float GAUSSIAN_SCALE = 0.0047841962f;

    /** What a key draws (its code enters the hash; never renumber). */
    public enum Purpose {
        /** Stuck-at faults: a property of the chip (draw), not of the strategy. */
        STUCK_AT(1),
        /** ADC offset and gain: a property of the chip. */
        ADC(2),
        /** Programming variation of the stored weights. */
        PROGRAMMING(3),
        /** Per-conversion noise (read, output, comparator). */
        CONVERSION(4);

        final long code;

        Purpose(long code) {
            this.code = code;
        }
    }

    private NoiseStream() {}

    /** SplitMix64's finaliser (Stafford variant 13). */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The seed of one stream: the noise seed, the purpose and the parts of the key (draw, tile, precisions, ...). */
    public static long key(long seed, Purpose purpose, long... parts) {
        long h = mix(seed ^ (purpose.code * 0xC2B2AE3D27D4EB4FL));
        for (long part : parts) {
            h = mix(h ^ ((part + 1) * GAMMA));
        }
        return h;
    }

    /** The {@code counter}-th 64-bit draw of the stream {@code stream} (SplitMix64 at that position). */
    public static long at(long stream, long counter) {
        return mix(stream + counter * GAMMA);
    }

    /** A standard Gaussian (Irwin-Hall of 8 bytes) from one 64-bit draw; the kernel computes the same float. */
    public static float gaussian(long h) {
        long pairs = (h & 0x00FF00FF00FF00FFL) + ((h >>> 8) & 0x00FF00FF00FF00FFL);
        long quads = (pairs & 0x0000FFFF0000FFFFL) + ((pairs >>> 16) & 0x0000FFFF0000FFFFL);
        int sum = (int) ((quads & 0xFFFFFFFFL) + (quads >>> 32));
        return (float) (sum - 1020) * GAUSSIAN_SCALE;
    }

    /** A uniform double in [0, 1) from one 64-bit draw. */
    public static double uniform(long h) {
        return (h >>> 11) * 0x1.0p-53;
    }
}
