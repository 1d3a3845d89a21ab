/**
 * Analytic hardware cost of a strategy on the CIM platform (METHOD.md section 3): energy, latency and area per tile
 * and in total, TOPS/W, TOPS/mm^2 (on a chip built for the strategy and on one reconfigurable chip) and
 * energy-delay product. One {@link org.cim2pq.sim.cim.cost.CostModel} per machine, chosen by the fidelity that
 * simulates it; the technology presets ({@link org.cim2pq.sim.cim.cost.HardwarePreset}) are data files
 * ({@code presets/<name>.properties}), not code branches.
 */
package org.cim2pq.sim.cim.cost;
