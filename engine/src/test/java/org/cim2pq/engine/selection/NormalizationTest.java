package org.cim2pq.engine.selection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class NormalizationTest {

    @Test
    void hyperplaneThroughHandPickedExtremes() {
        // Ideal (1,1,1); translated A=(1,0,0), B=(0,2,0), C=(0,0,3), D=(1,1,1): plane x + y/2 + z/3 = 1.
        double[][] f = {{2, 1, 1}, {1, 3, 1}, {1, 1, 4}, {2, 2, 2}};
        Normalization n = Normalization.of(f, new int[] {0, 1, 2, 3}, new int[] {0, 1, 2, 3});
        assertArrayEquals(new double[] {1, 1, 1}, n.ideal(), 0.0);
        assertArrayEquals(new int[] {0, 1, 2}, n.extremes());
        assertArrayEquals(new double[] {1, 2, 3}, n.intercepts(), 1e-12);
        assertFalse(n.fallback());
        assertArrayEquals(new double[] {1, 0.5, 1.0 / 3}, n.normalise(f[3]), 1e-12);
    }

    @Test
    void degenerateHyperplaneFallsBackToTheWorstPoint() {
        // One point is extreme for both axes: no hyperplane. The first front's worst is the ideal itself,
        // so the fallback goes on to the worst of S_t: (2, 2).
        double[][] f = {{1, 1}, {2, 3}, {3, 2}};
        Normalization n = Normalization.of(f, new int[] {0, 1, 2}, new int[] {0});
        assertTrue(n.fallback());
        assertArrayEquals(new int[] {0, 0}, n.extremes());
        assertArrayEquals(new double[] {2, 2}, n.intercepts(), 0.0);
        // Worst point of the first front when it has spread: front {(0,4),(4,0),(1,1)} plus (5,5).
        double[][] g = {{0, 4}, {4, 0}, {1, 1}, {5, 5}};
        assertArrayEquals(new double[] {4, 4}, Normalization.of(g, new int[] {0, 1, 2, 3}, new int[] {0, 1, 2}).intercepts(), 0.0);
    }

    @Test
    void idealPointSpansEarlierGenerations() {
        // The earlier ideal (0, 0, 0) lies below this S_t's minimum (1, 1, 1): translation uses it.
        double[][] f = {{2, 1, 1}, {1, 3, 1}, {1, 1, 4}, {2, 2, 2}};
        Normalization n = Normalization.of(f, new int[] {0, 1, 2, 3}, new int[] {0, 1, 2, 3}, new double[] {0, 0, 0});
        assertArrayEquals(new double[] {0, 0, 0}, n.ideal(), 0.0);
        Normalization later = Normalization.of(f, new int[] {0, 1, 2, 3}, new int[] {0, 1, 2, 3}, new double[] {5, 0.5, 5});
        assertArrayEquals(new double[] {1, 0.5, 1}, later.ideal(), 0.0);
    }

    @Test
    void earlierExtremePointsCompeteWithSt() {
        // Same S_t as above; an earlier extreme (1.5, 1, 1) beats A = (2, 1, 1) on the first axis (ASF 0.5 < 1):
        // extremes (earlier, B, C), translated (0.5,0,0), (0,2,0), (0,0,3), intercepts (0.5, 2, 3).
        double[][] f = {{2, 1, 1}, {1, 3, 1}, {1, 1, 4}, {2, 2, 2}};
        double[][] earlier = {{1.5, 1, 1}, {3, 3, 3}};
        Normalization n = Normalization.of(f, new int[] {0, 1, 2, 3}, new int[] {0, 1, 2, 3}, null, earlier);
        assertArrayEquals(new int[] {-1, 1, 2}, n.extremes());
        assertArrayEquals(new double[] {1.5, 1, 1}, n.extremePoints()[0], 0.0);
        assertArrayEquals(new double[] {0.5, 2, 3}, n.intercepts(), 1e-12);
        // Without earlier extremes it is the S_t-only normalisation.
        assertArrayEquals(new double[] {1, 2, 3},
                Normalization.of(f, new int[] {0, 1, 2, 3}, new int[] {0, 1, 2, 3}, null, null).intercepts(), 1e-12);
    }

    @Test
    void tinyTranslatedValuesCountAsZeroInTheAsf() {
        // (1, 1e-4) would score 100 on the first axis without the 1e-3 floor and lose to (2, 0); with it, it scores 1.
        double[][] f = {{1, 1e-4}, {2, 0}};
        Normalization n = Normalization.of(f, new int[] {0, 1}, new int[] {0, 1}, new double[] {0, 0}, null);
        assertEquals(0, n.extremes()[0]);
    }

    @Test
    void negativeInterceptIsDegenerate() {
        // Extremes (1,0,0), (0,1,0), (1,1,1): b = (1, 1, -1), intercept -1 on the third axis.
        double[][] f = {{1, 0, 0}, {0, 1, 0}, {1, 1, 1}};
        assertNull(Normalization.hyperplaneIntercepts(f, new int[] {0, 1, 2}, new double[3]));
    }

    @Test
    void associationByPerpendicularDistance() {
        // With the normalisation above, D = (1, 0.5, 1/3) is nearest to the (0.5, 0.5, 0) line (d = 0.4859).
        double[][] f = {{2, 1, 1}, {1, 3, 1}, {1, 1, 4}, {2, 2, 2}};
        Nsga3Survival s = new Nsga3Survival(ReferencePoints.dasDennis(3, 2));
        SurvivalOutcome out = s.select(f, 4, new SplittableRandom(0));
        // dasDennis(3,2) order: (0,0,1) (0,.5,.5) (0,1,0) (.5,0,.5) (.5,.5,0) (1,0,0)
        assertArrayEquals(new int[] {5, 2, 0, 4}, out.referencePoint());
        assertEquals(0.0, out.distance()[0], 1e-12);
        assertEquals(Math.sqrt(1 + 0.25 + 1.0 / 9 - Math.pow((1 + 0.5) / Math.sqrt(2), 2)), out.distance()[3], 1e-12);
        assertEquals(0.48591, out.distance()[3], 1e-5);
    }
}
