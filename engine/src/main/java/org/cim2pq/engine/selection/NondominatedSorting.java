package org.cim2pq.engine.selection;

import java.util.Arrays;

/**
 * Non-dominated sorting by ENS-BS (Zhang, Tian, Cheng, Jin, "An efficient approach to non-dominated sorting for
 * evolutionary multiobjective optimization", IEEE TEVC 19(2), 2015): points are visited in lexicographic order, so
 * a point can only be dominated by points already placed; each goes to the first front none of whose members
 * dominates it, found by binary search (being dominated by front k implies being dominated by every earlier front).
 * O(M N log N) for the presort plus typically far fewer dominance checks than Deb's O(M N^2) fast sort; equal points
 * share a front. Verified against brute force in the tests.
 */
public final class NondominatedSorting {

    private NondominatedSorting() {
    }

    public static Fronts sort(double[][] points) {
        int n = points.length;
        int[] order = lexicographicOrder(points);
        int[] rank = new int[n];
        int[][] fronts = new int[Math.max(1, n)][];
        int[] sizes = new int[Math.max(1, n)];
        int frontCount = 0;
        for (int s : order) {
            int lo = 0;
            int hi = frontCount; // invariant: s is dominated by fronts < lo, not by fronts >= hi
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (dominatedByFront(points, fronts[mid], sizes[mid], points[s])) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            if (lo == frontCount) {
                fronts[frontCount] = new int[4];
                frontCount++;
            }
            if (sizes[lo] == fronts[lo].length) {
                fronts[lo] = Arrays.copyOf(fronts[lo], 2 * sizes[lo]);
            }
            fronts[lo][sizes[lo]++] = s;
            rank[s] = lo;
        }
        int[][] members = new int[frontCount][];
        for (int f = 0; f < frontCount; f++) {
            members[f] = Arrays.copyOf(fronts[f], sizes[f]);
            Arrays.sort(members[f]);
        }
        return new Fronts(rank, members);
    }

    /** Members were placed in lexicographic order; the last ones are the likeliest dominators, so scan backwards. */
    private static boolean dominatedByFront(double[][] points, int[] front, int size, double[] p) {
        for (int j = size - 1; j >= 0; j--) {
            if (Dominance.dominates(points[front[j]], p)) {
                return true;
            }
        }
        return false;
    }

    private static int[] lexicographicOrder(double[][] points) {
        Integer[] idx = new Integer[points.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> {
            double[] pa = points[a];
            double[] pb = points[b];
            for (int k = 0; k < pa.length; k++) {
                // Numeric comparison (not Double.compare): -0.0 and 0.0 must tie, as they do for dominance.
                if (pa[k] < pb[k]) {
                    return -1;
                }
                if (pa[k] > pb[k]) {
                    return 1;
                }
            }
            return Integer.compare(a, b);
        });
        int[] out = new int[idx.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = idx[i];
        }
        return out;
    }
}
