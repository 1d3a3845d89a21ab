package org.cim2pq.sim.data;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeededSubsetsTest {

    @Test
    void sameSeedSameSubsetDistinctSortedInRange() {
        int[] a = SeededSubsets.choose(60_000, 256, 42);
        assertArrayEquals(a, SeededSubsets.choose(60_000, 256, 42));
        assertEquals(256, a.length);
        for (int i = 1; i < a.length; i++) {
            assertTrue(a[i - 1] < a[i], "ascending and distinct");
        }
        assertTrue(a[0] >= 0 && a[a.length - 1] < 60_000);
        assertFalse(Arrays.equals(a, SeededSubsets.choose(60_000, 256, 43)));
    }

    @Test
    void choosesUniformlyEnough() {
        // Half of 10,000 indices: the mean of the chosen ones is near the middle (a biased shuffle would drift).
        int[] half = SeededSubsets.choose(10_000, 5_000, 7);
        double mean = Arrays.stream(half).average().orElseThrow();
        assertEquals(4_999.5, mean, 150);
        assertArrayEquals(java.util.stream.IntStream.range(0, 10).toArray(), SeededSubsets.choose(10, 10, 1));
    }

    @Test
    void subsetsCarryTheChosenImagesAndLabels() {
        byte[] pixels = new byte[20 * 4];
        int[] labels = new int[20];
        for (int i = 0; i < 20; i++) {
            labels[i] = i % 10;
            Arrays.fill(pixels, i * 4, i * 4 + 4, (byte) i);
        }
        ImageSet set = new ImageSet("toy", 1, 2, 2, 10, pixels, labels);
        ImageSet calib = SeededSubsets.calibration(set, 5, 3);
        int[] idx = SeededSubsets.choose(20, 5, 3);
        for (int i = 0; i < 5; i++) {
            assertEquals(idx[i], calib.pixel(i, 3));
            assertEquals(idx[i] % 10, calib.label(i));
        }
        assertThrows(IllegalArgumentException.class, () -> SeededSubsets.evaluation(set, 21, 1));
    }

    @Test
    void theHeldOutImagesAreTheTestImagesOutsideTheSearchSubsetAndTheSameEveryTime() {
        int[] search = SeededSubsets.choose(10_000, 1_000, 0);
        int[] all = SeededSubsets.heldOut(10_000, 1_000, 9_000, 0);
        assertArrayEquals(all, SeededSubsets.heldOut(10_000, 1_000, 9_000, 0));
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        Arrays.stream(search).forEach(seen::add);
        Arrays.stream(all).forEach(i -> assertTrue(seen.add(i), "image " + i + " is in the search subset or twice"));
        assertEquals(10_000, seen.size(), "search subset and held-out images together are the whole test set");
        for (int i = 1; i < all.length; i++) {
            assertTrue(all[i - 1] < all[i], "ascending");
        }
        // Fewer held-out images: a subset of the same held-out images, still outside the search subset.
        int[] few = SeededSubsets.heldOut(10_000, 1_000, 300, 0);
        assertEquals(300, few.length);
        java.util.Set<Integer> allSet = new java.util.HashSet<>();
        Arrays.stream(all).forEach(allSet::add);
        Arrays.stream(few).forEach(i -> assertTrue(allSet.contains(i), "image " + i + " is not held out"));
        assertFalse(Arrays.equals(few, SeededSubsets.heldOut(10_000, 1_000, 300, 1)), "another seed, other images");
        assertThrows(IllegalArgumentException.class, () -> SeededSubsets.heldOut(10_000, 1_000, 9_001, 0));
    }
}
