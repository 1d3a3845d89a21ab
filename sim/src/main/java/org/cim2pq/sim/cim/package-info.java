/**
 * The simulated CIM platform: arrays and tiling ({@code array}), quantizers ({@code quant}), arraywise inference on
 * the two machines ({@code inference}), their cost models and presets ({@code cost}), the evaluator ({@code eval}),
 * and the revision of all of it ({@link org.cim2pq.sim.cim.CimModelRevision}) that journals record.
 */
package org.cim2pq.sim.cim;
