package org.cim2pq.engine.variation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.cim2pq.engine.genome.RealGenome;
import org.cim2pq.engine.problem.Dtlz;
import org.junit.jupiter.api.Test;

class RealVariationTest {

    @Test
    void sbxChildrenStayInBoundsAndNearTheParents() {
        Dtlz p = Dtlz.of(2, 3);
        SplittableRandom r = new SplittableRandom(1);
        for (int t = 0; t < 500; t++) {
            double[] a = new double[12];
            double[] b = new double[12];
            for (int i = 0; i < 12; i++) {
                a[i] = r.nextDouble();
                b[i] = r.nextDouble();
            }
            double[][] c = SimulatedBinaryCrossover.DEFAULT.apply(a, b, p, r);
            for (int i = 0; i < 12; i++) {
                assertTrue(c[0][i] >= 0 && c[0][i] <= 1 && c[1][i] >= 0 && c[1][i] <= 1);
                // Either untouched or crossed: a crossed pair straddles or nears the parents (eta_c = 30 is tight).
                double lo = Math.min(a[i], b[i]);
                double hi = Math.max(a[i], b[i]);
                double spread = hi - lo;
                assertTrue(Math.min(c[0][i], c[1][i]) >= lo - spread && Math.max(c[0][i], c[1][i]) <= hi + spread);
            }
        }
    }

    @Test
    void polynomialMutationMutatesAboutOneVariable() {
        Dtlz p = Dtlz.of(2, 3);
        SplittableRandom r = new SplittableRandom(2);
        int changed = 0;
        for (int t = 0; t < 2000; t++) {
            double[] x = new double[12];
            java.util.Arrays.fill(x, 0.5);
            double[] y = x.clone();
            PolynomialMutation.DEFAULT.mutateInPlace(y, p, r);
            for (int i = 0; i < 12; i++) {
                changed += y[i] != x[i] ? 1 : 0;
                assertTrue(y[i] >= 0 && y[i] <= 1);
            }
        }
        assertEquals(1.0, changed / 2000.0, 0.1);
        RealGenome g = RealGenome.of(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.1, 0.2, 0.3);
        assertArrayEquals(PolynomialMutation.DEFAULT.apply(g, p, new SplittableRandom(4)).values(),
                PolynomialMutation.DEFAULT.apply(g, p, new SplittableRandom(4)).values(), 0.0);
    }
}
