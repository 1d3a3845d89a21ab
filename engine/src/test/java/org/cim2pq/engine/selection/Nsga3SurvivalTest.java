package org.cim2pq.engine.selection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class Nsga3SurvivalTest {

    private static final ReferencePoints THREE_LINES = ReferencePoints.dasDennis(2, 2); // (0,1) (.5,.5) (1,0)

    @Test
    void nichingGivesEveryEmptyNicheItsClosestMember() {
        double[][] f = {{0, 1}, {1, 0}, {0.5, 0.6}, {0.6, 0.5}};
        for (long seed = 0; seed < 20; seed++) {
            SurvivalOutcome out = new Nsga3Survival(THREE_LINES).select(f, 3, new SplittableRandom(seed));
            int[] s = out.survivors().clone();
            Arrays.sort(s);
            // Each reference point has rho = 0 and takes its closest member; (0.5,0.6) and (0.6,0.5) tie, the
            // lower index wins.
            assertArrayEquals(new int[] {0, 1, 2}, s);
            assertArrayEquals(new int[] {0, 2, 1, 1}, out.referencePoint());
            assertArrayEquals(new int[] {1, 1, 1}, out.nicheCount());
        }
    }

    @Test
    void wholeFrontsSurviveBeforeNiching() {
        // Front 0: (0,1), (1,0); front 1: (0.5,1.5), (1.5,0.5), (1,1.2); N = 3 -> one member of front 1 by niching.
        double[][] f = {{0, 1}, {1, 0}, {0.5, 1.5}, {1.5, 0.5}, {1, 1.2}};
        SurvivalOutcome out = new Nsga3Survival(THREE_LINES).select(f, 3, new SplittableRandom(5));
        assertArrayEquals(new int[] {0, 0, 1, 1, 1}, out.front());
        assertEquals(0, out.survivors()[0]);
        assertEquals(1, out.survivors()[1]);
        // rho = (1, 0, 1): the middle line is the only minimum; its closest front-1 member is (1, 1.2).
        assertEquals(4, out.survivors()[2]);
    }

    @Test
    void exactFitAndSmallCandidateSetsSurviveWhole() {
        double[][] f = {{0, 1}, {1, 0}, {2, 2}};
        assertEquals(2, new Nsga3Survival(THREE_LINES).select(f, 2, new SplittableRandom(1)).survivors().length);
        assertEquals(3, new Nsga3Survival(THREE_LINES).select(f, 5, new SplittableRandom(1)).survivors().length);
    }

    @Test
    void survivorsAreDistinctAndFrontOrdered() {
        SplittableRandom r = new SplittableRandom(9);
        Nsga3Survival s = new Nsga3Survival(ReferencePoints.forObjectives(3));
        for (int t = 0; t < 50; t++) {
            double[][] f = new double[184][3];
            for (double[] row : f) {
                for (int k = 0; k < 3; k++) {
                    row[k] = r.nextDouble();
                }
            }
            SurvivalOutcome out = s.select(f, 92, new SplittableRandom(t));
            assertEquals(92, Arrays.stream(out.survivors()).distinct().count());
            int maxSurvivingFront = Arrays.stream(out.survivors()).map(i -> out.front()[i]).max().orElseThrow();
            for (int i = 0; i < f.length; i++) {
                final int c = i;
                boolean survived = Arrays.stream(out.survivors()).anyMatch(x -> x == c);
                if (out.front()[i] < maxSurvivingFront) {
                    assertTrue(survived, "a whole front before the last must survive");
                }
            }
        }
    }
}
