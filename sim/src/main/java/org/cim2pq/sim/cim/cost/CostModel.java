package org.cim2pq.sim.cim.cost;

import java.util.List;

import org.cim2pq.sim.cim.array.ArrayTile;
import org.cim2pq.sim.cim.array.NetworkTiling;
import org.cim2pq.sim.cim.quant.TilePrecisions;

/** Analytic hardware cost of running a network on the CIM platform with given per-tile precisions. */
public interface CostModel {

    /** The preset this model costs with. */
    HardwarePreset preset();

    /** Cost of one tile at {@code precisions} on {@code tiling}'s array configuration. */
    TileCost tileCost(NetworkTiling tiling, ArrayTile tile, TilePrecisions precisions);

    /** Cost of the whole network for {@code strategy} (per-tile precisions in tile order). */
    NetworkCost cost(NetworkTiling tiling, List<TilePrecisions> strategy);

    /** The METHOD.md model with {@code preset}, layer-sequential latency. */
    static CostModel of(HardwarePreset preset) {
        return new AnalyticCostModel(preset, LatencyMode.LAYER_SEQUENTIAL);
    }

    /** The METHOD.md model with {@code preset} and the given latency mode. */
    static CostModel of(HardwarePreset preset, LatencyMode latencyMode) {
        return new AnalyticCostModel(preset, latencyMode);
    }
}
