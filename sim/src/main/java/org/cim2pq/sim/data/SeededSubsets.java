package org.cim2pq.sim.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The fixed image subsets of the method: the calibration set (default 256 training images) on which quantizer
 * scales are fitted, and the evaluation set (default 1,000 test images) on which a strategy's accuracy is
 * measured during the search.
 *
 * <p>Choice: a partial Fisher-Yates shuffle of {@code 0..n-1} driven by {@code new SplittableRandom(seed)},
 * keeping the first {@code size} indices, then sorted ascending (so the subset is a set, and reading it walks
 * the data forwards). The same (n, size, seed) always gives the same indices, on every JVM. The evaluation set
 * comes from the test split, so it is disjoint from the training and calibration images.
 *
 * <p>The held-out set of a search ({@link #heldOut}) is the next {@code heldOutSize} indices of the same shuffle,
 * continued past the search subset's {@code searchSize}: disjoint from it by construction, the same for the same
 * (n, searchSize, heldOutSize, seed), and with {@code heldOutSize = n - searchSize} every test image outside the
 * search subset.
 */
public final class SeededSubsets {

    public static final int DEFAULT_CALIBRATION_SIZE = 256;
    public static final int DEFAULT_EVALUATION_SIZE = 1_000;

    private SeededSubsets() {
    }

    /** {@code size} distinct indices in {@code [0, n)}, ascending, chosen by {@code seed}. */
    public static int[] choose(int n, int size, long seed) {
        if (size < 0 || size > n) {
            throw new IllegalArgumentException("cannot choose " + size + " of " + n + " images");
        }
        int[] chosen = Arrays.copyOf(shuffled(n, size, seed), size);
        Arrays.sort(chosen);
        return chosen;
    }

    /**
     * The {@code heldOutSize} indices in {@code [0, n)}, ascending, that follow the search subset
     * {@code choose(n, searchSize, seed)} in the same shuffle: none of them is in it.
     */
    public static int[] heldOut(int n, int searchSize, int heldOutSize, long seed) {
        if (searchSize < 0 || heldOutSize < 0 || searchSize + heldOutSize > n) {
            throw new IllegalArgumentException("cannot hold out " + heldOutSize + " of the " + (n - searchSize)
                    + " images outside a search subset of " + searchSize + " of " + n);
        }
        int[] held = Arrays.copyOfRange(shuffled(n, searchSize + heldOutSize, seed), searchSize,
                searchSize + heldOutSize);
        Arrays.sort(held);
        return held;
    }

    /** {@code 0..n-1} with its first {@code size} places drawn by the partial Fisher-Yates shuffle of {@code seed}. */
    private static int[] shuffled(int n, int size, long seed) {
        int[] perm = new int[n];
        Arrays.setAll(perm, i -> i);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < size; i++) {
            int j = i + random.nextInt(n - i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return perm;
    }

    /** {@code size} training images for calibration. */
    public static ImageSet calibration(ImageSet train, int size, long seed) {
        return train.subset(choose(train.size(), size, seed), "/calibration(" + size + ",seed=" + seed + ")");
    }

    /** The default 256 calibration images. */
    public static ImageSet calibration(ImageSet train, long seed) {
        return calibration(train, DEFAULT_CALIBRATION_SIZE, seed);
    }

    /** {@code size} test images for evaluation during a search. */
    public static ImageSet evaluation(ImageSet test, int size, long seed) {
        return test.subset(choose(test.size(), size, seed), "/evaluation(" + size + ",seed=" + seed + ")");
    }

    /** The {@code heldOutSize} test images outside the search subset of {@code searchSize} ({@link #heldOut}). */
    public static ImageSet heldOut(ImageSet test, int searchSize, int heldOutSize, long seed) {
        return test.subset(heldOut(test.size(), searchSize, heldOutSize, seed),
                "/held-out(" + heldOutSize + ",outside " + searchSize + ",seed=" + seed + ")");
    }

    /** The default 1,000 evaluation images. */
    public static ImageSet evaluation(ImageSet test, long seed) {
        return evaluation(test, DEFAULT_EVALUATION_SIZE, seed);
    }
}
