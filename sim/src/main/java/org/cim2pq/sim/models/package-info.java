/**
 * Trained models and their provenance: {@link org.cim2pq.sim.models.TrainedModels} loads the weights committed
 * with cim2pq (or any weight file with its provenance next to it), {@link org.cim2pq.sim.models.TrainedModel}
 * runs the floating-point reference forward and exports the BN-folded
 * {@link org.cim2pq.sim.network.FoldedNetwork}, and {@link org.cim2pq.sim.models.ModelProvenance} says which data,
 * seed, configuration and code version produced the weights.
 *
 * <p>On disk a model is two files side by side: {@code <stem>.params} (DJL's parameter stream of the block) and
 * {@code <stem>.provenance.properties}.
 */
package org.cim2pq.sim.models;
