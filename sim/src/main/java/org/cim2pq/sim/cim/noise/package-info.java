/**
 * Non-idealities of the analog CIM platform (METHOD.md section 3b): profiles as data
 * ({@link org.cim2pq.sim.cim.noise.NoiseProfile}, {@code profiles/<name>.properties}), the setting an evaluator
 * runs with ({@link org.cim2pq.sim.cim.noise.NoiseSetting}) and the counter-based random numbers every draw comes from
 * ({@link org.cim2pq.sim.cim.noise.NoiseStream}), shared with the native kernel. The model itself is applied by
 * {@code cim.inference} on both machines; {@code docs/sim-noise.md} states it.
 */
package org.cim2pq.sim.cim.noise;
