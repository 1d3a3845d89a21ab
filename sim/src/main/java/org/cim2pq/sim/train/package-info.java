/**
 * Training the networks of {@link org.cim2pq.sim.network} on DJL's PyTorch CPU engine, offline and seeded:
 * {@link org.cim2pq.sim.train.TrainingConfig} says what to train, {@link org.cim2pq.sim.train.NetworkTraining}
 * runs it and writes the weights with their provenance (the {@code cim2pq train} command is a thin shell over it).
 */
package org.cim2pq.sim.train;
