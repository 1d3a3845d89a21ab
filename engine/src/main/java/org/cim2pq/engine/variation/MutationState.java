package org.cim2pq.engine.variation;

/**
 * The adaptive part of progressive adaptive mutation, carried from generation to generation (and journaled or
 * re-derived by the search): a multiplier on the decaying base rate, the number of generations since the front last
 * gained hypervolume, and the best hypervolume seen. Updated by the pure function
 * {@link ProgressiveAdaptiveMutation#adapt(MutationState, double)}.
 */
public record MutationState(double factor, int stagnantGenerations, double bestHypervolume) {

    /** Before any generation: factor 1, no stagnation, no hypervolume yet. */
    public static MutationState initial() {
        return new MutationState(1.0, 0, Double.NaN);
    }
}
