package org.cim2pq.sim.cim.cost;

import java.util.List;

/**
 * The hardware cost of a strategy for one inference.
 *
 * @param tiles per-tile costs, tile order
 * @param layerLatencyNs per-layer latency (the slowest tile of the layer: arrays of a layer run in parallel)
 * @param energyPj total energy
 * @param latencyNs network latency (sum of layers, or the slowest layer when pipelined)
 * @param areaUm2 total area
 * @param macs multiply-accumulates per inference
 * @param conversions ADC conversions per inference
 */
public record NetworkCost(List<TileCost> tiles, List<Double> layerLatencyNs, double energyPj, double latencyNs,
                          double areaUm2, long macs, long conversions) {

    public NetworkCost {
        tiles = List.copyOf(tiles);
        layerLatencyNs = List.copyOf(layerLatencyNs);
    }

    /** Hardware efficiency TOPS/W = 2 MACs / energy (2 MACs / pJ = 2 MACs x 1e12 ops / J = that many TOPS/W). */
    public double topsPerWatt() {
        return 2.0 * macs / energyPj;
    }

    /** Throughput per area, TOPS/mm^2: (2 MACs / latency) / area. */
    public double topsPerMm2() {
        double tops = 2.0 * macs / (latencyNs * 1e-9) / 1e12;
        return tops / (areaUm2 * 1e-6);
    }

    /** Energy-delay product, pJ x ns. */
    public double energyDelayProduct() {
        return energyPj * latencyNs;
    }
}
