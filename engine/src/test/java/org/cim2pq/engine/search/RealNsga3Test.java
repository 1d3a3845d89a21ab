package org.cim2pq.engine.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cim2pq.engine.indicator.Igd;
import org.cim2pq.engine.problem.Dtlz;
import org.cim2pq.engine.selection.ReferencePoints;
import org.junit.jupiter.api.Test;

class RealNsga3Test {

    @Test
    void convergesOnDtlz2WithThreeObjectives() {
        Dtlz problem = Dtlz.of(2, 3);
        RealNsga3 nsga3 = RealNsga3.builder().setProblem(problem).setGenerations(250).optSeed(1).build();
        assertEquals(92, nsga3.populationSize());
        RealRunResult result = nsga3.run();
        double mean = 0;
        for (double[] f : result.objectives()) {
            double s = 0;
            for (double v : f) {
                s += v * v;
            }
            mean += s;
        }
        mean /= result.objectives().length;
        assertEquals(1.0, mean, 0.01, "mean of sum f_i^2 on the final population");
        double igd = Igd.of(result.objectives(), problem.trueFrontTargets(ReferencePoints.forObjectives(3).points()));
        assertTrue(igd < 0.01, "IGD " + igd);
    }

    @Test
    void sameSeedGivesTheSameRun() {
        RealNsga3.Builder b = RealNsga3.builder().setProblem(Dtlz.of(1, 3)).setGenerations(20).optSeed(42);
        RealRunResult first = b.build().run();
        RealRunResult second = b.build().run();
        assertEquals(first.objectives().length, second.objectives().length);
        for (int i = 0; i < first.objectives().length; i++) {
            assertArrayEquals(first.variables()[i], second.variables()[i], 0.0);
            assertArrayEquals(first.objectives()[i], second.objectives()[i], 0.0);
        }
        RealRunResult other = b.optSeed(43).build().run();
        boolean differs = false;
        for (int i = 0; i < first.objectives().length; i++) {
            differs |= !java.util.Arrays.equals(first.objectives()[i], other.objectives()[i]);
        }
        assertTrue(differs);
    }
}
