package org.cim2pq.engine.indicator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.cim2pq.engine.problem.Dtlz;
import org.cim2pq.engine.selection.ReferencePoints;
import org.junit.jupiter.api.Test;

class IndicatorTest {

    @Test
    void igdIsTheMeanDistanceFromTargets() {
        double[][] targets = {{0, 1}, {1, 0}};
        double[][] obtained = {{0, 2}};
        // distances: 1 and sqrt(1 + 4)
        assertEquals((1 + Math.sqrt(5)) / 2, Igd.of(obtained, targets), 1e-12);
        // IGD+ counts only where obtained is worse: (0,2) vs (1,0): max(0-1,0)=0, max(2-0,0)=2.
        assertEquals((1 + 2) / 2.0, IgdPlus.of(obtained, targets), 1e-12);
        double[][] t = Dtlz.of(2, 3).trueFrontTargets(ReferencePoints.forObjectives(3).points());
        assertEquals(0.0, Igd.of(t, t), 0.0);
    }

    @Test
    void exactHypervolumeByHand() {
        assertEquals(0.125, Hypervolume.exact(new double[][] {{0.5, 0.5, 0.5}}, new double[] {1, 1, 1}), 1e-15);
        // 2-D staircase: (1,3), (2,2), (3,1) against (4,4): 3 + 2 + 1 = 6
        assertEquals(6.0, Hypervolume.exact(new double[][] {{1, 3}, {2, 2}, {3, 1}, {3, 3}}, new double[] {4, 4}), 1e-12);
        // Two overlapping 3-D boxes: 2*1*1 + 1*2*1 - 1*1*1 = 3 within ref 2.
        assertEquals(3.0, Hypervolume.exact(new double[][] {{0, 1, 1}, {1, 0, 1}}, new double[] {2, 2, 2}), 1e-12);
        // Points outside the reference box count nothing.
        assertEquals(0.0, Hypervolume.exact(new double[][] {{5, 0}}, new double[] {4, 4}), 0.0);
    }

    @Test
    void exactMatchesInclusionExclusionIn4d() {
        SplittableRandom r = new SplittableRandom(4);
        for (int t = 0; t < 20; t++) {
            int n = 1 + r.nextInt(6);
            double[][] p = new double[n][4];
            for (double[] row : p) {
                for (int k = 0; k < 4; k++) {
                    row[k] = r.nextDouble();
                }
            }
            assertEquals(inclusionExclusion(p, new double[] {1, 1, 1, 1}), Hypervolume.exact(p, new double[] {1, 1, 1, 1}), 1e-12);
        }
    }

    @Test
    void monteCarloIsCloseToExact() {
        SplittableRandom r = new SplittableRandom(8);
        double[][] p = new double[30][4];
        for (double[] row : p) {
            for (int k = 0; k < 4; k++) {
                row[k] = 0.3 + 0.6 * r.nextDouble();
            }
        }
        double[] ref = {1, 1, 1, 1};
        double exact = Hypervolume.exact(p, ref);
        assertEquals(exact, Hypervolume.monteCarlo(p, ref, 200_000), 0.02 * exact);
    }

    private static double inclusionExclusion(double[][] p, double[] ref) {
        int n = p.length;
        double total = 0;
        for (int mask = 1; mask < (1 << n); mask++) {
            double vol = 1;
            for (int k = 0; k < ref.length; k++) {
                double worst = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < n; i++) {
                    if ((mask & (1 << i)) != 0) {
                        worst = Math.max(worst, p[i][k]);
                    }
                }
                vol *= Math.max(0, ref[k] - worst);
            }
            total += Integer.bitCount(mask) % 2 == 1 ? vol : -vol;
        }
        return total;
    }
}
