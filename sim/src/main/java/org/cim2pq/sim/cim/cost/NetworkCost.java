package org.cim2pq.sim.cim.cost;

import java.util.List;

/**
 * The hardware cost of a strategy for one inference.
 *
 * @param tiles per-tile costs, tile order
 * @param layerLatencyNs per-layer latency (the slowest tile of the layer: arrays of a layer run in parallel)
 * @param energyPj total energy
 * @param latencyNs network latency (sum of layers, or the slowest layer when pipelined)
 * @param areaUm2 total area of a chip built for this strategy (the area objective)
 * @param reconfigurableAreaUm2 total area of one reconfigurable chip that runs any strategy (ADCs at the largest
 *        resolution); the same for every strategy of a network
 * @param macs multiply-accumulates per inference
 * @param conversions ADC conversions per inference
 */
public record NetworkCost(List<TileCost> tiles, List<Double> layerLatencyNs, double energyPj, double latencyNs,
                          double areaUm2, double reconfigurableAreaUm2, long macs, long conversions) {

    public NetworkCost {
        tiles = List.copyOf(tiles);
        layerLatencyNs = List.copyOf(layerLatencyNs);
    }

    /** Hardware efficiency TOPS/W = 2 MACs / energy (2 MACs / pJ = 2 MACs x 1e12 ops / J = that many TOPS/W). */
    public double topsPerWatt() {
        return 2.0 * macs / energyPj;
    }

    /** Throughput per area on the chip built for this strategy, TOPS/mm^2: (2 MACs / latency) / area. */
    public double topsPerMm2() {
        return tops() / (areaUm2 * 1e-6);
    }

    /** Throughput per area on the one reconfigurable chip, TOPS/mm^2. */
    public double reconfigurableTopsPerMm2() {
        return tops() / (reconfigurableAreaUm2 * 1e-6);
    }

    private double tops() {
        return 2.0 * macs / (latencyNs * 1e-9) / 1e12;
    }

    /** Energy-delay product, pJ x ns. */
    public double energyDelayProduct() {
        return energyPj * latencyNs;
    }
}
