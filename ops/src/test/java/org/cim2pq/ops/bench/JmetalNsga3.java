package org.cim2pq.ops.bench;

import java.util.List;

import org.uma.jmetal.algorithm.multiobjective.nsgaiii.NSGAIII;
import org.uma.jmetal.algorithm.multiobjective.nsgaiii.NSGAIIIBuilder;
import org.uma.jmetal.algorithm.multiobjective.nsgaiii.util.ReferencePoint;
import org.uma.jmetal.solution.Solution;

/**
 * jMetal 6.6's NSGA-III given the same reference points and population size as cim2pq (jMetal itself only builds one
 * Das-Dennis layer, so M = 8 would otherwise get 120 points instead of Deb and Jain's 156), and with its survival step
 * ({@code replacement}) callable on a given population for timing.
 */
final class JmetalNsga3<S extends Solution<?>> extends NSGAIII<S> {

    JmetalNsga3(NSGAIIIBuilder<S> builder, double[][] referencePoints, int populationSize) {
        super(builder);
        this.referencePoints.clear();
        for (double[] w : referencePoints) {
            ReferencePoint<S> rp = new ReferencePoint<>(w.length);
            for (int i = 0; i < w.length; i++) {
                rp.position.set(i, w[i]);
            }
            this.referencePoints.add(rp);
        }
        setMaxPopulationSize(populationSize);
    }

    /** jMetal's survival step: ranking of parents + offspring, then its EnvironmentalSelection. */
    List<S> survive(List<S> population, List<S> offspring) {
        return replacement(population, offspring);
    }
}
