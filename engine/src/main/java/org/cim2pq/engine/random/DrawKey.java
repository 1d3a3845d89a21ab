package org.cim2pq.engine.random;

import java.util.SplittableRandom;

/**
 * The key of one random stream: (search seed, generation, purpose, index), e.g. the mutation stream of the 17th
 * birth of generation 3. The stream is a {@link SplittableRandom} whose seed is a SplitMix64 hash of the key;
 * SplittableRandom's algorithm is specified by the JDK, so the draws are the same on every machine, and because
 * each decision has its own stream, nothing depends on the order in which decisions are made.
 */
public record DrawKey(long seed, int generation, Purpose purpose, long index) {

    public DrawKey {
        if (purpose == null) {
            throw new IllegalArgumentException("purpose is required");
        }
    }

    public static DrawKey of(long seed, int generation, Purpose purpose, long index) {
        return new DrawKey(seed, generation, purpose, index);
    }

    /** A fresh stream positioned at its first draw; calling this twice gives two identical streams. */
    public SplittableRandom random() {
        return new SplittableRandom(hash());
    }

    /** The 64-bit stream seed; distinct keys give (with overwhelming probability) unrelated seeds. */
    public long hash() {
        long h = mix64(seed ^ 0x6A09E667F3BCC909L);
        h = mix64(h ^ (0x9E3779B97F4A7C15L * (generation + 1L)));
        h = mix64(h ^ (0xC2B2AE3D27D4EB4FL * purpose.code()));
        return mix64(h ^ (0x165667B19E3779F9L * (index + 1L)));
    }

    /** SplitMix64's finaliser (Stafford variant 13): a bijective 64-bit mixer. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
