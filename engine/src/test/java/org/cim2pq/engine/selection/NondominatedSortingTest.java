package org.cim2pq.engine.selection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class NondominatedSortingTest {

    /** Peels fronts: front k = points not dominated by any point outside fronts 0..k-1. */
    static int[] bruteForce(double[][] p) {
        int n = p.length;
        int[] rank = new int[n];
        java.util.Arrays.fill(rank, -1);
        int assigned = 0;
        for (int front = 0; assigned < n; front++) {
            boolean[] inFront = new boolean[n];
            for (int i = 0; i < n; i++) {
                if (rank[i] >= 0) {
                    continue;
                }
                boolean dominated = false;
                for (int j = 0; j < n && !dominated; j++) {
                    dominated = rank[j] < 0 && Dominance.dominates(p[j], p[i]);
                }
                inFront[i] = !dominated;
            }
            for (int i = 0; i < n; i++) {
                if (inFront[i]) {
                    rank[i] = front;
                    assigned++;
                }
            }
        }
        return rank;
    }

    @Test
    void equalsBruteForceOnThousandsOfRandomSets() {
        SplittableRandom r = new SplittableRandom(2024);
        for (int t = 0; t < 4000; t++) {
            int n = 1 + r.nextInt(60);
            int m = 2 + r.nextInt(4);
            // Coarse values on some sets force ties and duplicate points.
            int levels = r.nextBoolean() ? 4 : 1000;
            double[][] p = new double[n][m];
            for (double[] row : p) {
                for (int k = 0; k < m; k++) {
                    row[k] = r.nextInt(levels) / (double) levels;
                }
            }
            assertArrayEquals(bruteForce(p), NondominatedSorting.sort(p).rank(), "set " + t);
        }
    }

    @Test
    void frontsListMembersInIndexOrder() {
        double[][] p = {{2, 2}, {1, 3}, {3, 1}, {3, 3}, {1, 3}};
        Fronts f = NondominatedSorting.sort(p);
        assertArrayEquals(new int[] {0, 1, 2, 4}, f.members()[0]);
        assertArrayEquals(new int[] {3}, f.members()[1]);
    }
}
