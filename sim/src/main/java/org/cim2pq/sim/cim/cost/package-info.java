/**
 * Analytic hardware cost of a strategy on the CIM platform (METHOD.md section 3): energy, latency and area per tile
 * and in total, TOPS/W, TOPS/mm^2 and energy-delay product. One {@link org.cim2pq.sim.cim.cost.CostModel}
 * interface; the technology presets ({@link org.cim2pq.sim.cim.cost.HardwarePreset}) are data, not code branches.
 */
package org.cim2pq.sim.cim.cost;
