package org.cim2pq.actors.evaluation;

/**
 * What a tile group's simulation produces for one strategy: the {@link Activations} the next group runs on, or,
 * from the last group, the {@link EvaluationOutcome}.
 */
public sealed interface StageOutput permits Activations, EvaluationOutcome {}
