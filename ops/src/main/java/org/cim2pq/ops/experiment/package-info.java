/**
 * The paper's comparison as one command ({@code cim2pq experiment compare}, METHOD.md section 5): the 2x2 design of
 * granularity (arraywise, layerwise) by selection (qNSGA-III, NSGA-III) run as ordinary journaled searches with the
 * same evaluation budget and seeds ({@link org.cim2pq.ops.experiment.ExperimentPlan}), the figures each variant is
 * judged by with their spread over seeds and their paired differences from the layerwise NSGA-III baseline
 * ({@link org.cim2pq.ops.experiment.ExperimentMetrics}), and the results table and plots
 * ({@link org.cim2pq.ops.experiment.ExperimentResults}, {@link org.cim2pq.ops.experiment.ExperimentPlots}). Every
 * figure is read back from the journals, so a rerun resumes what is unfinished and reads what is done.
 */
package org.cim2pq.ops.experiment;
