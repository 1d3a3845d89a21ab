package org.cim2pq.engine.variation;

import java.util.SplittableRandom;

/**
 * CIM2PQ's fine-grained crossover: a mask over search units (tiles, or layers for the layerwise baseline).
 * {@link Kind#UNIFORM} takes each unit from the second parent with probability {@code swapProbability};
 * {@link Kind#SEGMENT} cuts the unit sequence at {@code cuts} distinct random points and alternates parents between
 * cuts, starting with the first, so neighbouring tiles (one layer's row and column blocks) tend to travel together.
 * With probability 1 - {@code probability} there is no crossover (all units from the first parent).
 *
 * @param kind            default {@link Kind#UNIFORM}
 * @param probability     chance of crossing at all; default 1.0 (as NSGA-III's SBX, Deb and Jain 2014)
 * @param swapProbability UNIFORM: per-unit chance of the second parent; default 0.5
 * @param cuts            SEGMENT: number of cut points; default 2 (two-point crossover over tiles)
 */
public record TileCrossover(Kind kind, double probability, double swapProbability, int cuts) {

    public enum Kind { UNIFORM, SEGMENT }

    public static final TileCrossover DEFAULT = new TileCrossover(Kind.UNIFORM, 1.0, 0.5, 2);

    public TileCrossover {
        if (!(probability >= 0 && probability <= 1) || !(swapProbability >= 0 && swapProbability <= 1) || cuts < 1) {
            throw new IllegalArgumentException("probabilities in [0, 1] and cuts >= 1 required");
        }
    }

    public static TileCrossover uniform() {
        return DEFAULT;
    }

    public static TileCrossover segment(int cuts) {
        return new TileCrossover(Kind.SEGMENT, 1.0, 0.5, cuts);
    }

    /** Draws the mask for {@code units} units; the draws consumed depend only on (kind, units, the stream). */
    public CrossoverMask draw(int units, SplittableRandom random) {
        boolean[] m = new boolean[units];
        if (random.nextDouble() >= probability) {
            return new CrossoverMask(m);
        }
        if (kind == Kind.UNIFORM) {
            for (int u = 0; u < units; u++) {
                m[u] = random.nextDouble() < swapProbability;
            }
            return new CrossoverMask(m);
        }
        // Cut points are positions 1..units-1 (before unit p); choose min(cuts, units-1) distinct ones.
        int possible = units - 1;
        int c = Math.min(cuts, possible);
        boolean[] cutBefore = new boolean[units];
        for (int chosen = 0; chosen < c; ) {
            int p = 1 + random.nextInt(possible);
            if (!cutBefore[p]) {
                cutBefore[p] = true;
                chosen++;
            }
        }
        boolean second = false;
        for (int u = 0; u < units; u++) {
            if (cutBefore[u]) {
                second = !second;
            }
            m[u] = second;
        }
        return new CrossoverMask(m);
    }
}
