/**
 * Mapping a {@link org.cim2pq.sim.network.FoldedNetwork} onto analog crossbar arrays: the array configuration,
 * channel-aligned tiling of every weight layer into {@link org.cim2pq.sim.cim.array.ArrayTile}s (the unit of the
 * arraywise search space), and tile groups (the unit served by one simulator). Everything here is a pure function
 * of the network and the {@link org.cim2pq.sim.cim.array.ArrayConfig}; no deep-learning framework is involved.
 */
package org.cim2pq.sim.cim.array;
