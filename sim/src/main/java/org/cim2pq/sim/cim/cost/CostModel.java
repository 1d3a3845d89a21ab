package org.cim2pq.sim.cim.cost;

import java.util.List;

import org.cim2pq.sim.cim.array.ArrayTile;
import org.cim2pq.sim.cim.array.NetworkTiling;
import org.cim2pq.sim.cim.inference.Fidelity;
import org.cim2pq.sim.cim.quant.TilePrecisions;

/**
 * Analytic hardware cost of running a network on one CIM machine with given per-tile precisions. There is one cost
 * model per machine (METHOD.md section 2): the machine a fidelity simulates is the machine its cost model charges,
 * so {@link #of} takes the fidelity and nothing else chooses the formula.
 */
public interface CostModel {

    /** The largest ADC resolution a reconfigurable chip provides by default (the top of METHOD.md's bPs set). */
    int DEFAULT_RECONFIGURABLE_ADC_BITS = 10;

    /** The machine this model costs: the one the same fidelity simulates. */
    Fidelity machine();

    /** The preset this model costs with. */
    HardwarePreset preset();

    /** Cost of one tile at {@code precisions} on {@code tiling}'s array configuration. */
    TileCost tileCost(NetworkTiling tiling, ArrayTile tile, TilePrecisions precisions);

    /** Cost of the whole network for {@code strategy} (per-tile precisions in tile order). */
    NetworkCost cost(NetworkTiling tiling, List<TilePrecisions> strategy);

    /** The cost model of {@code machine} with {@code preset}, layer-sequential latency. */
    static CostModel of(Fidelity machine, HardwarePreset preset) {
        return of(machine, preset, LatencyMode.LAYER_SEQUENTIAL);
    }

    /** The cost model of {@code machine} with {@code preset} and the given latency mode. */
    static CostModel of(Fidelity machine, HardwarePreset preset, LatencyMode latencyMode) {
        return switch (machine) {
            case BITSERIAL -> new BitSerialCostModel(preset, latencyMode, DEFAULT_RECONFIGURABLE_ADC_BITS);
            case PSUM -> new PartialSumCostModel(preset, latencyMode, DEFAULT_RECONFIGURABLE_ADC_BITS);
        };
    }
}
