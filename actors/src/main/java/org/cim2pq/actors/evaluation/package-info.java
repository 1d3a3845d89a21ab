/**
 * Evaluating strategies: the work-pulling {@link org.cim2pq.actors.evaluation.EvaluationQueue}, evaluation
 * pipelines (chains of supervised {@link org.cim2pq.actors.evaluation.TileGroupSimulator}s, one per tile group),
 * and the model interface the CIM platform implements.
 */
package org.cim2pq.actors.evaluation;
