package org.cim2pq.engine.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class DtlzTest {

    @Test
    void optimalSolutionsLieOnTheTrueFront() {
        SplittableRandom r = new SplittableRandom(3);
        for (int variant = 1; variant <= 4; variant++) {
            for (int m : new int[] {2, 3, 5, 8}) {
                Dtlz p = Dtlz.of(variant, m);
                assertEquals(m + (variant == 1 ? 4 : 9), p.numberOfVariables());
                for (int t = 0; t < 20; t++) {
                    double[] x = new double[p.numberOfVariables()];
                    for (int i = 0; i < x.length; i++) {
                        x[i] = i < m - 1 ? r.nextDouble() : 0.5; // g = 0
                    }
                    double[] f = p.evaluate(x);
                    double s = variant == 1 ? Arrays.stream(f).sum() : Arrays.stream(f).map(v -> v * v).sum();
                    assertEquals(variant == 1 ? 0.5 : 1.0, s, 1e-12, p.name() + " M=" + m);
                }
                double[] worse = new double[p.numberOfVariables()];
                double[] f = p.evaluate(worse);
                double s = variant == 1 ? Arrays.stream(f).sum() : Arrays.stream(f).map(v -> v * v).sum();
                assertTrue(s > (variant == 1 ? 0.5 : 1.0));
            }
        }
    }

    @Test
    void targetsAreOnTheFrontAlongTheReferenceDirections() {
        double[][] w = {{1, 0, 0}, {1.0 / 3, 1.0 / 3, 1.0 / 3}};
        double[][] t1 = Dtlz.of(1, 3).trueFrontTargets(w);
        assertEquals(0.5, t1[0][0], 1e-12);
        assertEquals(0.5 / 3, t1[1][2], 1e-12);
        double[][] t2 = Dtlz.of(3, 3).trueFrontTargets(w);
        assertEquals(1 / Math.sqrt(3), t2[1][1], 1e-12);
        assertEquals("DTLZ4", Dtlz.parse("dtlz4", 5).name());
    }
}
