package org.cim2pq.engine.search;

import java.util.List;
import org.cim2pq.engine.genome.Strategy;
import org.cim2pq.engine.genome.StrategyId;
import org.cim2pq.engine.selection.SelectionDecision;
import org.cim2pq.engine.variation.Birth;
import org.cim2pq.engine.variation.MutationState;

/**
 * What the {@link GenerationalStep} decides next, as data: a driver records it (the actor journals it first) and
 * asks again. Every decision but {@link Evaluate} and {@link Finished} changes the progress once recorded.
 */
public sealed interface StepDecision {

    /** Generation 0: the initial population, with each strategy's origin ({@code uniform-8}, {@code random}). */
    record InitializePopulation(List<Strategy> strategies, List<String> origins) implements StepDecision {
        public InitializePopulation {
            strategies = List.copyOf(strategies);
            origins = List.copyOf(origins);
        }
    }

    /** Results to copy: a strategy whose genome equals an already resolved one gets that outcome, unevaluated. */
    record CopyResults(List<Copy> copies) implements StepDecision {
        public CopyResults {
            copies = List.copyOf(copies);
        }
    }

    /** One copy: {@code child} takes the result (or the failure) of {@code source}. */
    record Copy(StrategyId child, StrategyId source) {}

    /** Generation {@code generation} begins: its mutation state and per-gene rate, and its births. */
    record Breed(int generation, MutationState mutation, double mutationProbability, List<Birth> births)
            implements StepDecision {
        public Breed {
            births = List.copyOf(births);
        }
    }

    /**
     * The generation's survivors (with every candidate's fate) and their hypervolume; {@code duplicates}, the
     * candidates eliminated before selection because an earlier candidate has their genome (none in revision 1).
     */
    record Select(SelectionDecision selection, double hypervolume, List<Duplicate> duplicates) implements StepDecision {
        public Select {
            duplicates = List.copyOf(duplicates);
        }

        public Select(SelectionDecision selection, double hypervolume) {
            this(selection, hypervolume, List.of());
        }
    }

    /** A candidate left out of selection: {@code strategy} has the genome of {@code sameAs}, which competes. */
    record Duplicate(StrategyId strategy, StrategyId sameAs) {}

    /**
     * The search ends: the reported front (the archive of every evaluation, or in revision 1 the final population's
     * first front), its hypervolume, and the final population's first front (the same list in revision 1).
     */
    record Complete(int generations, List<StrategyId> front, double hypervolume, List<StrategyId> populationFront)
            implements StepDecision {
        public Complete {
            front = List.copyOf(front);
            populationFront = List.copyOf(populationFront);
        }
    }

    /** Nothing to decide until these strategies (the first of each genome among the unresolved) have outcomes. */
    record Evaluate(List<StrategyId> pending) implements StepDecision {
        public Evaluate {
            pending = List.copyOf(pending);
        }
    }

    /** The search has completed. */
    record Finished() implements StepDecision {}
}
