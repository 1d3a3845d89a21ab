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
import org.cim2pq.engine.selection.QuotaPolicy;
import org.cim2pq.engine.selection.ReferencePoints;
import org.cim2pq.engine.space.CimSearchSpace;
import org.cim2pq.engine.variation.ProgressiveAdaptiveMutation;
import org.cim2pq.engine.variation.TileCrossover;

/**
 * The plain in-memory CIM2PQ loop: {@link GenerationalStep} called until it finishes, each decision recorded in a
 * {@link SearchProgress} and each pending strategy evaluated at once (equal genomes once). The journaled search
 * calls the same step, so this loop is what it does without a journal. In short:
 * <ol>
 *   <li>generation 0: {@link InitialPopulation}, evaluated; its objectives fix the {@link HypervolumeFrame};</li>
 *   <li>each generation g >= 1: N births under the current mutation state; evaluate
 *       them (equal genomes are evaluated once); selection of N survivors among parents and children,
 *       with the ideal point of everything evaluated so far;
 *       the survivors' hypervolume updates the mutation state ({@link ProgressiveAdaptiveMutation#adapt}).</li>
 * </ol>
 * Defaults (METHOD.md sec. 4): arraywise space as given, uniform tile crossover, default progressive adaptive
 * mutation, qNSGA-III with q = 20% and delta = 5, the rules of {@link SearchMethod#CURRENT}; N from Deb and Jain's
 * reference points for M objectives unless given.
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
    private final SearchMethod method;

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
        this.method = b.method;
    }

    public static Builder builder() {
        return new Builder();
    }

    public CimSearchResult run() {
        Map<IntGenome, Objectives> cache = new HashMap<>();
        // N needs M (for the default reference points), M needs one evaluation: score the all-8 strategy first.
        int m = evaluate(space.uniform(8), cache).size();
        int n = populationSize != null ? populationSize
                : (referencePoints != null ? referencePoints : ReferencePoints.forObjectives(m)).populationSize();
        GenerationalStep step = GenerationalStep.builder().setSpace(space).optObjectives(m)
                .optReferencePoints(referencePoints).optMethod(method)
                .setPopulationSize(n).setGenerations(generations).optSeed(seed).optQuota(quota)
                .optCrossover(crossover).optMutation(mutation).optInitialPopulation(initialPopulation).build();
        ProgressiveAdaptiveMutation mutation = step.mutation();

        SearchProgress progress = new SearchProgress();
        Map<StrategyId, Objectives> scored = new HashMap<>();
        List<Strategy> initial = List.of();
        List<GenerationRecord> history = new ArrayList<>(generations);
        StepDecision.Breed breeding = null;
        while (true) {
            StepDecision decision = step.next(progress);
            if (decision instanceof StepDecision.InitializePopulation d) {
                progress.recordInitialPopulation(d.strategies());
                initial = d.strategies();
            } else if (decision instanceof StepDecision.Evaluate d) {
                for (StrategyId id : d.pending()) {
                    Objectives o = evaluate(progress.genome(id), cache);
                    progress.recordResult(id, o);
                    scored.put(id, o);
                }
            } else if (decision instanceof StepDecision.CopyResults d) {
                for (StepDecision.Copy c : d.copies()) {
                    progress.recordResult(c.child(), progress.objectives(c.source()));
                    scored.put(c.child(), progress.objectives(c.source()));
                }
            } else if (decision instanceof StepDecision.Breed d) {
                progress.recordGenerationStarted(d.generation(), d.mutation());
                d.births().forEach(b -> progress.recordBirth(b.child(), b.genome()));
                breeding = d;
            } else if (decision instanceof StepDecision.Select d) {
                progress.recordSelection(d.selection().generation(), d.selection().survivors(), d.hypervolume());
                history.add(new GenerationRecord(breeding.generation(), breeding.mutation(), breeding.births(),
                        d.selection(), d.hypervolume(), mutation.adapt(breeding.mutation(), d.hypervolume())));
            } else if (decision instanceof StepDecision.Complete d) {
                progress.recordCompletion(d.front());
            } else {
                break;
            }
        }
        Map<StrategyId, Strategy> byId = new HashMap<>();
        initial.forEach(s -> byId.put(s.id(), s));
        history.forEach(g -> g.births().forEach(b -> byId.put(b.child(), b.strategy())));
        List<Strategy> population = progress.population().stream().map(byId::get).toList();
        Map<StrategyId, Objectives> kept = new HashMap<>();
        for (Strategy s : population) {
            kept.put(s.id(), scored.get(s.id()));
        }
        for (Strategy s : initial) {
            kept.put(s.id(), scored.get(s.id()));
        }
        double[][] f0 = initial.stream().map(s -> scored.get(s.id()).values()).toArray(double[][]::new);
        return new CimSearchResult(initial, population, kept, HypervolumeFrame.of(f0), history);
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
        private ProgressiveAdaptiveMutation mutation;
        private InitialPopulation initialPopulation = InitialPopulation.DEFAULT;
        private SearchMethod method = SearchMethod.CURRENT;

        private Builder() {
        }

        /** Default {@link SearchMethod#CURRENT}. */
        public Builder optMethod(SearchMethod method) {
            this.method = method;
            return this;
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

        /** Default the method's ({@link SearchMethod#referencePoints}). */
        public Builder optReferencePoints(ReferencePoints referencePoints) {
            this.referencePoints = referencePoints;
            return this;
        }

        /** Default {@link ReferencePoints#populationSize()} of Deb and Jain's points for M objectives. */
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

        /** Default the method's ({@link SearchMethod#mutation}). */
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
