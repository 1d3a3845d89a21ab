package org.cim2pq.engine.variation;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.cim2pq.engine.genome.IntGenome;
import org.cim2pq.engine.space.CimSearchSpace;

/**
 * CIM2PQ's progressive adaptive mutation (METHOD.md sec. 4). Each gene of an unpinned unit mutates with probability
 * <pre>  p(g) = clamp(p0 * decay^(g-1) * factor, minRate, maxRate)</pre>
 * (progressive: decays with generation g >= 1; adaptive: {@code factor} from {@link MutationState}, multiplied by
 * {@code raise} after {@code stagnationGenerations} generations without hypervolume gain and by {@code lower} on
 * each generation with gain, kept within [minFactor, maxFactor]). A mutation moves the gene one candidate step,
 * towards fewer bits with probability {@code 0.5 + downBias * (1 - sensitivity(unit))} (sensitivity in [0, 1], 1
 * when the space has none, i.e. unbiased); at the end of a candidate set it moves the only way it can.
 * Built with {@link #builder()}; every parameter has the default documented on its {@code opt} method.
 *
 * <p>With {@link Builder#optExpectedMutations} the progressive part is a schedule over the configured generations
 * instead: the expected number of mutated genes per child falls geometrically from {@code first} (generation 1) to
 * {@code last} (generation G), times the adaptive factor, spread over the genes that can mutate, so a layerwise space
 * of 15 genes and an arraywise one of 130 mutate as many genes per child:
 * <pre>  p(g) = min(maxRate, first * (last/first)^((g-1)/(G-1)) * factor / mutableGenes)</pre>
 * The ceiling {@code maxRate} per gene caps a small space sooner (at a factor of 2.5 in generation 1 on LeNet-5's 15
 * layerwise genes, while its 126 arraywise genes mutate on up to 63), so with {@link Builder#optLayerwiseCeiling} the expected
 * number itself is capped instead, at {@code maxRate} times the mutable genes of the same network's layerwise space
 * ({@link #layerwiseGenes}): the same ceiling in both granularities, so equal expected mutated genes per child for every
 * generation and adaptive factor:
 * <pre>  p(g) = min(first * (last/first)^((g-1)/(G-1)) * factor, maxRate * layerwiseGenes) / mutableGenes</pre>
 */
public final class ProgressiveAdaptiveMutation {

    private final double initialRate;
    private final double decay;
    private final double minRate;
    private final double maxRate;
    private final int stagnationGenerations;
    private final double raise;
    private final double lower;
    private final double minFactor;
    private final double maxFactor;
    private final double minRelativeGain;
    private final double downBias;
    private final double firstExpected;
    private final double lastExpected;
    private final int scheduleGenerations;
    private final boolean layerwiseCeiling;

    private ProgressiveAdaptiveMutation(Builder b) {
        this.initialRate = b.initialRate;
        this.decay = b.decay;
        this.minRate = b.minRate;
        this.maxRate = b.maxRate;
        this.stagnationGenerations = b.stagnationGenerations;
        this.raise = b.raise;
        this.lower = b.lower;
        this.minFactor = b.minFactor;
        this.maxFactor = b.maxFactor;
        this.minRelativeGain = b.minRelativeGain;
        this.downBias = b.downBias;
        this.firstExpected = b.firstExpected;
        this.lastExpected = b.lastExpected;
        this.scheduleGenerations = b.scheduleGenerations;
        this.layerwiseCeiling = b.layerwiseCeiling;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** All defaults. */
    public static ProgressiveAdaptiveMutation defaults() {
        return builder().build();
    }

    /** The per-gene mutation probability for births of {@code generation} (>= 1). */
    public double rate(CimSearchSpace space, int generation, MutationState state) {
        if (scheduleGenerations > 0) {
            double t = scheduleGenerations <= 1 ? 0
                    : Math.min(1.0, Math.max(0, generation - 1) / (double) (scheduleGenerations - 1));
            double expected = firstExpected * Math.pow(lastExpected / firstExpected, t) * state.factor();
            if (layerwiseCeiling) {
                return Math.min(expected, maxRate * layerwiseGenes(space)) / Math.max(1, mutableGenes(space));
            }
            return Math.min(maxRate, expected / Math.max(1, mutableGenes(space)));
        }
        double p0 = Double.isNaN(initialRate) ? 3.0 / space.unitCount() : initialRate;
        double lo = Double.isNaN(minRate) ? 1.0 / space.geneCount() : minRate;
        double p = p0 * Math.pow(decay, Math.max(0, generation - 1)) * state.factor();
        return Math.min(maxRate, Math.max(lo, p));
    }

    /**
     * The pure state update after a generation's survivors reached front hypervolume {@code hypervolume} (computed
     * by the caller on a fixed normalisation, so values of different generations compare).
     */
    public MutationState adapt(MutationState state, double hypervolume) {
        double best = state.bestHypervolume();
        boolean gain = Double.isNaN(best) ? !Double.isNaN(hypervolume)
                : hypervolume > best + minRelativeGain * Math.max(Math.abs(best), Double.MIN_NORMAL);
        if (gain) {
            double f = Double.isNaN(best) ? state.factor() : Math.max(minFactor, state.factor() * lower);
            return new MutationState(f, 0, hypervolume);
        }
        int stagnant = state.stagnantGenerations() + 1;
        if (stagnant >= stagnationGenerations) {
            return new MutationState(Math.min(maxFactor, state.factor() * raise), 0, best);
        }
        return new MutationState(state.factor(), stagnant, best);
    }

    /** Genes that can mutate: those of unpinned units with at least two candidates. */
    static int mutableGenes(CimSearchSpace space) {
        int n = 0;
        for (int g = 0; g < space.geneCount(); g++) {
            if (!space.isPinned(g / 3) && space.geneCardinality(g) >= 2) {
                n++;
            }
        }
        return n;
    }

    /**
     * Genes that can mutate in the layerwise space of {@code space}'s network (whatever its granularity): those of
     * its unpinned layers with at least two candidates, as many as {@link #mutableGenes} of that space.
     */
    static int layerwiseGenes(CimSearchSpace space) {
        java.util.Set<Integer> layers = new java.util.TreeSet<>();
        for (int t = 0; t < space.tileCount(); t++) {
            if (!space.pinnedLayers().containsKey(space.layerOfTile(t))) {
                layers.add(space.layerOfTile(t));
            }
        }
        int perLayer = 0;
        for (int g = 0; g < 3; g++) {
            perLayer += space.geneCardinality(g) >= 2 ? 1 : 0;
        }
        return layers.size() * perLayer;
    }

    /** Draws the mutated sites of {@code child}; one uniform draw per unpinned gene, a second per mutated gene. */
    public List<MutationSite> draw(IntGenome child, CimSearchSpace space, int generation, MutationState state,
                                   SplittableRandom random) {
        double p = rate(space, generation, state);
        List<MutationSite> sites = new ArrayList<>();
        for (int g = 0; g < child.length(); g++) {
            int unit = g / 3;
            int card = space.geneCardinality(g);
            if (space.isPinned(unit) || card < 2) {
                continue;
            }
            if (random.nextDouble() >= p) {
                continue;
            }
            int old = child.get(g);
            boolean down = random.nextDouble() < 0.5 + downBias * (1.0 - space.sensitivity(unit));
            if (old == 0) {
                down = false;
            } else if (old == card - 1) {
                down = true;
            }
            sites.add(new MutationSite(g, old, down ? old - 1 : old + 1));
        }
        return List.copyOf(sites);
    }

    /** Re-applies recorded sites; fails if a site's old value does not match (the record is for another genome). */
    public static IntGenome apply(IntGenome genome, List<MutationSite> sites) {
        int[] genes = genome.genes();
        for (MutationSite s : sites) {
            if (genes[s.gene()] != s.oldValue()) {
                throw new IllegalArgumentException("mutation site " + s + " does not match gene value " + genes[s.gene()]);
            }
            genes[s.gene()] = s.newValue();
        }
        return new IntGenome(genes);
    }

    /** DJL-style builder; all parameters optional. */
    public static final class Builder {
        private double initialRate = Double.NaN;
        private double decay = 0.99;
        private double minRate = Double.NaN;
        private double maxRate = 0.5;
        private int stagnationGenerations = 3;
        private double raise = 2.0;
        private double lower = 0.8;
        private double minFactor = 0.25;
        private double maxFactor = 8.0;
        private double minRelativeGain = 1e-6;
        private double downBias = 0.25;
        private double firstExpected = Double.NaN;
        private double lastExpected = Double.NaN;
        private int scheduleGenerations;
        private boolean layerwiseCeiling;

        private Builder() {
        }

        /**
         * With {@link #optExpectedMutations}: cap the expected mutated genes per child at {@code maxRate} times the
         * layerwise space's mutable genes rather than each gene's rate at {@code maxRate}, so both granularities of
         * a network mutate as many genes per child at any factor (see the class comment). Default false (revision 2
         * of the method).
         */
        public Builder optLayerwiseCeiling(boolean on) {
            this.layerwiseCeiling = on;
            return this;
        }

        /**
         * A schedule over {@code generations} generations (see the class comment) instead of p0 and decay: expected
         * mutated genes per child {@code first} in generation 1 falling to {@code last} in generation G. Default:
         * none (p0 * decay^(g-1)).
         */
        public Builder optExpectedMutations(double first, double last, int generations) {
            this.firstExpected = first;
            this.lastExpected = last;
            this.scheduleGenerations = Math.max(1, generations);
            return this;
        }

        /** p0, the generation-1 per-gene rate; default 3/T (T = search units: tiles, or layers when layerwise). */
        public Builder optInitialRate(double p0) {
            this.initialRate = p0;
            return this;
        }

        /** Progressive decay per generation; default 0.99 (the rate falls to ~37% after 100 generations). */
        public Builder optDecay(double decay) {
            this.decay = decay;
            return this;
        }

        /** Floor of the rate; default 1/(3T), one expected mutation per child. */
        public Builder optMinRate(double minRate) {
            this.minRate = minRate;
            return this;
        }

        /** Ceiling of the rate; default 0.5. */
        public Builder optMaxRate(double maxRate) {
            this.maxRate = maxRate;
            return this;
        }

        /** s: generations without hypervolume gain before the rate is raised; default 3. */
        public Builder optStagnationGenerations(int s) {
            this.stagnationGenerations = s;
            return this;
        }

        /** Factor multiplier on stagnation; default 2.0. */
        public Builder optRaise(double raise) {
            this.raise = raise;
            return this;
        }

        /** Factor multiplier on a generation with gain; default 0.8. */
        public Builder optLower(double lower) {
            this.lower = lower;
            return this;
        }

        /** Bounds of the adaptive factor; default [0.25, 8]. */
        public Builder optFactorBounds(double min, double max) {
            this.minFactor = min;
            this.maxFactor = max;
            return this;
        }

        /** Relative hypervolume increase that counts as progress; default 1e-6. */
        public Builder optMinRelativeGain(double gain) {
            this.minRelativeGain = gain;
            return this;
        }

        /** Extra probability of moving towards fewer bits on the least sensitive units; default 0.25 (0 = none). */
        public Builder optDownBias(double bias) {
            this.downBias = bias;
            return this;
        }

        public ProgressiveAdaptiveMutation build() {
            if (!(decay > 0 && decay <= 1) || !(maxRate > 0 && maxRate <= 1) || stagnationGenerations < 1
                    || !(raise >= 1) || !(lower > 0 && lower <= 1) || !(minFactor > 0 && minFactor <= maxFactor)
                    || !(downBias >= 0 && downBias <= 0.5)
                    || (scheduleGenerations > 0 && !(firstExpected > 0 && lastExpected > 0))) {
                throw new IllegalArgumentException("invalid progressive adaptive mutation parameters");
            }
            return new ProgressiveAdaptiveMutation(this);
        }
    }
}
