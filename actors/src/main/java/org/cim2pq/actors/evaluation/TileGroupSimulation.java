package org.cim2pq.actors.evaluation;

import java.util.List;
import org.cim2pq.engine.genome.IntGenome;

/**
 * One tile group's share of evaluating a strategy: runs the group's layers with the strategy's precisions on the
 * activations the previous group handed on, and hands its own on; the last group returns the
 * {@link EvaluationOutcome}. An instance owns its tiles' state (calibration, kernel buffers, its share of the
 * prefix cache) and is used by one {@link TileGroupSimulator} actor only, so it need not be thread-safe; the
 * groups of one pipeline run at the same time, each on another strategy.
 */
public interface TileGroupSimulation extends AutoCloseable {

    /** The group's name, e.g. {@code stage1.block0}; names the simulator actor. */
    String name();

    /**
     * Evaluates this group for one strategy.
     *
     * @param genome   the whole strategy (the group reads its own tiles' genes)
     * @param upstream what the previous group handed on, now owned by this call; {@code null} for the first group
     * @return the activations for the next group, or the {@link EvaluationOutcome} when this is the last group
     * @throws Exception on any failure; the simulator is restarted (this group only) and the evaluation retried
     */
    StageOutput run(IntGenome genome, Activations upstream) throws Exception;

    /** Frees the group's state (on stop, or before a restart rebuilds it). */
    @Override
    default void close() {}

    /** Runs {@code groups} (a pipeline's, in order) for one strategy in the calling thread. */
    static EvaluationOutcome evaluate(List<TileGroupSimulation> groups, IntGenome genome) throws Exception {
        Activations carry = null;
        for (int i = 0; i < groups.size(); i++) {
            StageOutput out = groups.get(i).run(genome, carry);
            if (out instanceof EvaluationOutcome outcome) {
                if (i != groups.size() - 1) {
                    throw new IllegalStateException("tile group " + groups.get(i).name() + " returned an outcome");
                }
                return outcome;
            }
            carry = (Activations) out;
        }
        if (carry != null) {
            carry.close();
        }
        throw new IllegalStateException("the last tile group returned activations, not an outcome");
    }
}
