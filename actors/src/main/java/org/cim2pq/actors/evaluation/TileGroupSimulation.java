package org.cim2pq.actors.evaluation;

import org.cim2pq.engine.genome.IntGenome;

/**
 * One tile group's share of evaluating a strategy: runs the group's layers with the strategy's precisions on
 * what the previous group passed on, adds the group's hardware cost, and passes its output on. The last group
 * of a pipeline returns an {@link EvaluationOutcome}. An instance owns its tiles' weights and calibration caches
 * and is used by one {@link TileGroupSimulator} actor only, so it need not be thread-safe.
 */
public interface TileGroupSimulation {

    /** The group's name, e.g. {@code stage1.block0}; names the simulator actor. */
    String name();

    /**
     * Evaluates this group for one strategy.
     *
     * @param genome   the whole strategy (the group reads its own tiles' genes)
     * @param upstream what the previous group returned; {@code null} for the first group
     * @return what the next group needs, or the {@link EvaluationOutcome} when this is the last group
     * @throws Exception on any failure; the simulator is restarted and the evaluation retried (bounded)
     */
    Object run(IntGenome genome, Object upstream) throws Exception;
}
