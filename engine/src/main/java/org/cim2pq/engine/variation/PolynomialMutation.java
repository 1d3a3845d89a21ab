package org.cim2pq.engine.variation;

import java.util.SplittableRandom;

import org.cim2pq.engine.genome.RealGenome;
import org.cim2pq.engine.problem.RealProblem;

/**
 * Polynomial mutation (Deb and Goyal 1996) in the bounded form of Deb's NSGA-II code, as Deb and Jain 2014 use it.
 *
 * @param distributionIndex eta_m; default {@value #DEFAULT_ETA} (Deb and Jain 2014)
 * @param probability       per-variable probability; NaN (the default) means 1/n
 */
public record PolynomialMutation(double distributionIndex, double probability) {

    public static final double DEFAULT_ETA = 20.0;
    public static final PolynomialMutation DEFAULT = new PolynomialMutation(DEFAULT_ETA, Double.NaN);

    public RealGenome apply(RealGenome x, RealProblem problem, SplittableRandom random) {
        double[] v = x.values();
        mutateInPlace(v, problem, random);
        return new RealGenome(v);
    }

    /** Array form for hot loops: mutates {@code x}. */
    public void mutateInPlace(double[] x, RealProblem problem, SplittableRandom random) {
        double p = Double.isNaN(probability) ? 1.0 / x.length : probability;
        double eta = distributionIndex;
        double pow = 1.0 / (eta + 1.0);
        for (int i = 0; i < x.length; i++) {
            if (random.nextDouble() > p) {
                continue;
            }
            double lo = problem.lowerBound(i);
            double hi = problem.upperBound(i);
            if (hi <= lo) {
                continue;
            }
            double y = x[i];
            double d1 = (y - lo) / (hi - lo);
            double d2 = (hi - y) / (hi - lo);
            double u = random.nextDouble();
            double deltaq;
            if (u <= 0.5) {
                double val = 2.0 * u + (1.0 - 2.0 * u) * Math.pow(1.0 - d1, eta + 1.0);
                deltaq = Math.pow(val, pow) - 1.0;
            } else {
                double val = 2.0 * (1.0 - u) + 2.0 * (u - 0.5) * Math.pow(1.0 - d2, eta + 1.0);
                deltaq = 1.0 - Math.pow(val, pow);
            }
            x[i] = Math.min(hi, Math.max(lo, y + deltaq * (hi - lo)));
        }
    }
}
