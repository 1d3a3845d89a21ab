package org.cim2pq.engine.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.cim2pq.engine.genome.IntGenome;
import org.cim2pq.engine.genome.Strategy;
import org.cim2pq.engine.genome.StrategyId;
import org.cim2pq.engine.indicator.HypervolumeFrame;
import org.cim2pq.engine.problem.ObjectiveFunction;
import org.cim2pq.engine.problem.Objectives;
import org.cim2pq.engine.selection.Candidate;
import org.cim2pq.engine.selection.QuotaPolicy;
import org.cim2pq.engine.selection.ReferencePoints;
import org.cim2pq.engine.selection.Selection;
import org.cim2pq.engine.selection.SelectionDecision;
import org.cim2pq.engine.space.CimSearchSpace;
import org.cim2pq.engine.variation.Birth;
import org.cim2pq.engine.variation.Breeding;
import org.cim2pq.engine.variation.MutationState;
import org.cim2pq.engine.variation.ProgressiveAdaptiveMutation;
import org.cim2pq.engine.variation.TileCrossover;

/**
 * The plain in-memory CIM2PQ loop, the reference for what the actor-based search does step by step:
 * <ol>
 *   <li>generation 0: {@link InitialPopulation}, evaluated; its objectives fix the {@link HypervolumeFrame};</li>
 *   <li>each generation g >= 1: {@link Breeding#breed} N births under the current {@link MutationState}; evaluate
 *       them (equal genomes are evaluated once); {@link Selection#select} N survivors among parents and children,
 *       with the ideal point of everything evaluated so far;
 *       the survivors' hypervolume updates the mutation state ({@link ProgressiveAdaptiveMutation#adapt}).</li>
 * </ol>
 * Defaults (METHOD.md sec. 4): arraywise space as given, uniform tile crossover, default progressive adaptive
 * mutation, qNSGA-III with q = 20% and delta = 5, reference points of Deb and Jain for M objectives, N from them.
 */
public final class CimSearch {

    private final CimSearchSpace space;
    private final ObjectiveFunction<IntGenome> objectives;
    private final int generations;
    private final long seed;
    private final ReferencePoints referencePoints;
    private final Integer populationSize;
    private final QuotaPolicy quota;
    private final TileCrossover crossover;
    private final ProgressiveAdaptiveMutation mutation;
    private final InitialPopulation initialPopulation;

    private CimSearch(Builder b) {
        this.space = b.space;
        this.objectives = b.objectives;
        this.generations = b.generations;
        this.seed = b.seed;
        this.referencePoints = b.referencePoints;
        this.populationSize = b.populationSize;
        this.quota = b.quota;
        this.crossover = b.crossover;
        this.mutation = b.mutation;
        this.initialPopulation = b.initialPopulation;
    }

    public static Builder builder() {
        return new Builder();
    }

    public CimSearchResult run() {
        Map<IntGenome, Objectives> cache = new HashMap<>();
        Map<StrategyId, Objectives> scored = new HashMap<>();
        // N needs M (for the default reference points), M needs one evaluation: score the all-8 strategy first.
        int m = evaluate(space.uniform(8), cache).size();
        ReferencePoints refs = referencePoints != null ? referencePoints : ReferencePoints.forObjectives(m);
        int n = populationSize != null ? populationSize : refs.populationSize();
        Selection selection = new Selection(refs, n, quota);
        Breeding breeding = new Breeding(space, crossover, mutation);

        List<Strategy> initial = initialPopulation.create(space, n, seed);
        double[][] f0 = new double[initial.size()][];
        for (int i = 0; i < initial.size(); i++) {
            Objectives o = evaluate(initial.get(i).genome(), cache);
            scored.put(initial.get(i).id(), o);
            f0[i] = o.values();
        }
        HypervolumeFrame frame = HypervolumeFrame.of(f0);
        MutationState state = mutation.adapt(MutationState.initial(), frame.hypervolume(f0));

        List<Strategy> population = initial;
        List<GenerationRecord> history = new ArrayList<>(generations);
        for (int g = 1; g <= generations; g++) {
            List<Birth> births = breeding.breed(population, g, seed, state, n);
            Map<StrategyId, Strategy> byId = new HashMap<>();
            List<Candidate> candidates = new ArrayList<>(2 * n);
            for (Strategy s : population) {
                byId.put(s.id(), s);
                candidates.add(new Candidate(s.id(), scored.get(s.id())));
            }
            for (Birth b : births) {
                Objectives o = evaluate(b.genome(), cache);
                scored.put(b.child(), o);
                byId.put(b.child(), b.strategy());
                candidates.add(new Candidate(b.child(), o));
            }
            // The ideal point spans every generation so far (Deb and Jain 2014's union of S_0..S_t).
            SelectionDecision decision = selection.select(candidates, g, seed, Selection.idealOf(scored.values()));
            population = decision.survivors().stream().map(byId::get).toList();
            double[][] fs = population.stream().map(s -> scored.get(s.id()).values()).toArray(double[][]::new);
            double hv = frame.hypervolume(fs);
            MutationState next = mutation.adapt(state, hv);
            history.add(new GenerationRecord(g, state, births, decision, hv, next));
            state = next;
        }
        Map<StrategyId, Objectives> kept = new HashMap<>();
        for (Strategy s : population) {
            kept.put(s.id(), scored.get(s.id()));
        }
        for (Strategy s : initial) {
            kept.put(s.id(), scored.get(s.id()));
        }
        return new CimSearchResult(initial, population, kept, frame, history);
    }

    private Objectives evaluate(IntGenome genome, Map<IntGenome, Objectives> cache) {
        return cache.computeIfAbsent(genome, g -> Objectives.of(objectives.evaluate(g)));
    }

    /** DJL-style builder: {@code set*} required, {@code opt*} optional. */
    public static final class Builder {
        private CimSearchSpace space;
        private ObjectiveFunction<IntGenome> objectives;
        private int generations = -1;
        private long seed;
        private ReferencePoints referencePoints;
        private Integer populationSize;
        private QuotaPolicy quota = QuotaPolicy.DEFAULT;
        private TileCrossover crossover = TileCrossover.DEFAULT;
        private ProgressiveAdaptiveMutation mutation = ProgressiveAdaptiveMutation.defaults();
        private InitialPopulation initialPopulation = InitialPopulation.DEFAULT;

        private Builder() {
        }

        public Builder setSpace(CimSearchSpace space) {
            this.space = space;
            return this;
        }

        /** Objectives of a genome, all minimised; the error objective is {@link QuotaPolicy#errorObjective()}. */
        public Builder setObjectiveFunction(ObjectiveFunction<IntGenome> objectives) {
            this.objectives = objectives;
            return this;
        }

        /** Generations after the initial population. */
        public Builder setGenerations(int generations) {
            this.generations = generations;
            return this;
        }

        /** Default 0. */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Default {@link ReferencePoints#forObjectives(int)}. */
        public Builder optReferencePoints(ReferencePoints referencePoints) {
            this.referencePoints = referencePoints;
            return this;
        }

        /** Default {@link ReferencePoints#populationSize()}. */
        public Builder optPopulationSize(int populationSize) {
            this.populationSize = populationSize;
            return this;
        }

        /** Default {@link QuotaPolicy#DEFAULT} (qNSGA-III); {@link QuotaPolicy#NONE} for NSGA-III. */
        public Builder optQuota(QuotaPolicy quota) {
            this.quota = quota;
            return this;
        }

        /** Default {@link TileCrossover#DEFAULT}. */
        public Builder optCrossover(TileCrossover crossover) {
            this.crossover = crossover;
            return this;
        }

        /** Default {@link ProgressiveAdaptiveMutation#defaults()}. */
        public Builder optMutation(ProgressiveAdaptiveMutation mutation) {
            this.mutation = mutation;
            return this;
        }

        /** Default {@link InitialPopulation#DEFAULT}. */
        public Builder optInitialPopulation(InitialPopulation initialPopulation) {
            this.initialPopulation = initialPopulation;
            return this;
        }

        public CimSearch build() {
            if (space == null || objectives == null || generations < 0) {
                throw new IllegalArgumentException("setSpace, setObjectiveFunction and setGenerations are required");
            }
            return new CimSearch(this);
        }
    }
}
