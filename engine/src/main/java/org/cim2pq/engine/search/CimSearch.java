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
import org.cim2pq.engine.variation.ProgressiveAdaptiveMutation;

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

    private final GenerationalStep.Builder step;
    private final ObjectiveFunction<IntGenome> objectives;

    private CimSearch(Builder b) {
        this.step = b.step;
        this.objectives = b.objectives;
    }

    public static Builder builder() {
        return new Builder();
    }

    public CimSearchResult run() {
        Map<IntGenome, Objectives> cache = new HashMap<>();
        // N needs M (for the default reference points), M needs one evaluation: score the all-8 strategy first.
        int m = evaluate(this.step.space().uniform(8), cache).size();
        GenerationalStep step = this.step.buildFor(m);
        ProgressiveAdaptiveMutation mutation = step.mutation();

        SearchProgress progress = new SearchProgress();
        Map<StrategyId, Objectives> scored = new HashMap<>();
        List<Strategy> initial = List.of();
        List<GenerationRecord> history = new ArrayList<>();
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

    /** DJL-style builder: {@code set*} required. */
    public static final class Builder {
        private GenerationalStep.Builder step;
        private ObjectiveFunction<IntGenome> objectives;

        private Builder() {
        }

        /**
         * The search's settings, as the journaled search gives them to its step (space, generations, seed, method,
         * quota, crossover, mutation, initial population, reference points). N may be left unset: it then comes
         * from the reference points, or Deb and Jain's for the M objectives of the first evaluation; M is always
         * that of the first evaluation. Read when the search runs.
         */
        public Builder setStep(GenerationalStep.Builder step) {
            this.step = step;
            return this;
        }

        /** Objectives of a genome, all minimised; the error objective is {@link QuotaPolicy#errorObjective()}. */
        public Builder setObjectiveFunction(ObjectiveFunction<IntGenome> objectives) {
            this.objectives = objectives;
            return this;
        }

        public CimSearch build() {
            if (step == null || objectives == null) {
                throw new IllegalArgumentException("setStep and setObjectiveFunction are required");
            }
            return new CimSearch(this);
        }
    }
}
