package org.cim2pq.engine.variation;

import java.util.SplittableRandom;

import org.cim2pq.engine.genome.RealGenome;
import org.cim2pq.engine.problem.RealProblem;

/**
 * Simulated binary crossover (Deb and Agrawal 1995) in the bounded form of Deb's NSGA-II code, as Deb and Jain 2014
 * use it: each variable crosses with probability 0.5 when the parents differ there; children are swapped per variable
 * with probability 0.5 and clipped to the bounds.
 *
 * @param distributionIndex eta_c; default {@value #DEFAULT_ETA} (Deb and Jain 2014)
 * @param probability       chance of crossing at all; default 1.0 (Deb and Jain 2014)
 */
public record SimulatedBinaryCrossover(double distributionIndex, double probability) {

    public static final double DEFAULT_ETA = 30.0;
    public static final SimulatedBinaryCrossover DEFAULT = new SimulatedBinaryCrossover(DEFAULT_ETA, 1.0);
    private static final double EPS = 1.0e-14;

    public RealGenome[] apply(RealGenome first, RealGenome second, RealProblem problem, SplittableRandom random) {
        double[][] c = apply(first.values(), second.values(), problem, random);
        return new RealGenome[] {new RealGenome(c[0]), new RealGenome(c[1])};
    }

    /** Array form for hot loops; the inputs are not modified. */
    public double[][] apply(double[] p1, double[] p2, RealProblem problem, SplittableRandom random) {
        double[] c1 = p1.clone();
        double[] c2 = p2.clone();
        if (random.nextDouble() > probability) {
            return new double[][] {c1, c2};
        }
        double eta = distributionIndex;
        for (int i = 0; i < p1.length; i++) {
            if (random.nextDouble() > 0.5 || Math.abs(p1[i] - p2[i]) <= EPS) {
                continue;
            }
            double y1 = Math.min(p1[i], p2[i]);
            double y2 = Math.max(p1[i], p2[i]);
            double lo = problem.lowerBound(i);
            double hi = problem.upperBound(i);
            double u = random.nextDouble();
            double beta = 1.0 + 2.0 * (y1 - lo) / (y2 - y1);
            double alpha = 2.0 - Math.pow(beta, -(eta + 1.0));
            double betaq = u <= 1.0 / alpha ? Math.pow(u * alpha, 1.0 / (eta + 1.0))
                    : Math.pow(1.0 / (2.0 - u * alpha), 1.0 / (eta + 1.0));
            double v1 = 0.5 * ((y1 + y2) - betaq * (y2 - y1));
            beta = 1.0 + 2.0 * (hi - y2) / (y2 - y1);
            alpha = 2.0 - Math.pow(beta, -(eta + 1.0));
            betaq = u <= 1.0 / alpha ? Math.pow(u * alpha, 1.0 / (eta + 1.0))
                    : Math.pow(1.0 / (2.0 - u * alpha), 1.0 / (eta + 1.0));
            double v2 = 0.5 * ((y1 + y2) + betaq * (y2 - y1));
            v1 = Math.min(hi, Math.max(lo, v1));
            v2 = Math.min(hi, Math.max(lo, v2));
            if (random.nextDouble() <= 0.5) {
                c1[i] = v2;
                c2[i] = v1;
            } else {
                c1[i] = v1;
                c2[i] = v2;
            }
        }
        return new double[][] {c1, c2};
    }
}
