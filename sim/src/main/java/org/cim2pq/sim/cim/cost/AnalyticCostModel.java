package org.cim2pq.sim.cim.cost;

import java.util.ArrayList;
import java.util.List;

import org.cim2pq.sim.cim.array.ArrayConfig;
import org.cim2pq.sim.cim.array.ArrayTile;
import org.cim2pq.sim.cim.array.LayerTiling;
import org.cim2pq.sim.cim.array.NetworkTiling;
import org.cim2pq.sim.cim.quant.TilePrecisions;

/**
 * What both machines share (METHOD.md section 3): the chip's area, the buffer traffic, the cycle time and how tile
 * latencies add up to a network's. A machine supplies its own tile cost.
 *
 * <ul>
 *   <li>Area per array = crossbar + ADCs x A_adc(bits) + R DACs + C column readouts + shift-adds + periphery, with
 *       ADCs per array = ceil(C / columns per ADC) of the preset. Two assumptions are reported side by side: a chip
 *       built for the strategy (each array's ADCs at its tile's resolution; the area objective) and one
 *       reconfigurable chip (every ADC at the largest resolution; area fixed, so TOPS/mm^2 is what varies).</li>
 *   <li>Buffer energy = M (rows x bIn + outChannels x outputBits) x E_bit: every input bit in, every output out.</li>
 *   <li>A cycle takes the array's read time and the conversions of the columns sharing one ADC: the longer of the
 *       two when the preset's sample-and-hold overlaps them, else their sum.</li>
 *   <li>Arrays of one layer run in parallel (a layer takes its slowest tile); the network sums its layers, or takes
 *       the slowest one when pipelined.</li>
 * </ul>
 */
abstract class AnalyticCostModel implements CostModel {

    protected final HardwarePreset preset;
    private final LatencyMode latencyMode;
    private final int reconfigurableAdcBits;

    AnalyticCostModel(HardwarePreset preset, LatencyMode latencyMode, int reconfigurableAdcBits) {
        this.preset = preset;
        this.latencyMode = latencyMode;
        this.reconfigurableAdcBits = reconfigurableAdcBits;
    }

    @Override
    public HardwarePreset preset() {
        return preset;
    }

    /** Area of one array whose ADCs convert at {@code adcBits}. */
    protected double arrayAreaUm2(ArrayConfig config, int adcBits) {
        return (double) config.rows() * config.columns() * preset.cellAreaUm2()
                + preset.adcsPerArray(config.columns()) * preset.adc().areaUm2(adcBits)
                + config.rows() * preset.dacAreaUm2() + config.columns() * preset.columnReadoutAreaUm2()
                + preset.shiftAddsPerArray() * preset.shiftAddAreaUm2(adcBits) + preset.peripheryAreaUm2PerArray();
    }

    /** Area of one array of the reconfigurable chip. */
    protected double reconfigurableArrayAreaUm2(ArrayConfig config) {
        return arrayAreaUm2(config, reconfigurableAdcBits);
    }

    /** Input and output traffic of a tile for one inference. */
    protected double bufferEnergyPj(ArrayTile tile, TilePrecisions p) {
        return (double) tile.mvms() * ((long) tile.rows() * p.inputBits()
                + (long) tile.outChannels() * preset.outputBits()) * preset.bufferPjPerBit();
    }

    /** One cycle: {@code readNs} and {@code conversionNs}, overlapped or in sequence as the preset says. */
    protected double cycleNs(double readNs, double conversionNs) {
        return preset.overlappedReadout() ? Math.max(readNs, conversionNs) : readNs + conversionNs;
    }

    @Override
    public NetworkCost cost(NetworkTiling tiling, List<TilePrecisions> strategy) {
        if (strategy.size() != tiling.tiles().size()) {
            throw new IllegalArgumentException("strategy has " + strategy.size() + " tile precisions, network has "
                    + tiling.tiles().size() + " tiles");
        }
        List<TileCost> tiles = new ArrayList<>();
        List<Double> layers = new ArrayList<>();
        double energy = 0;
        double area = 0;
        double reconfigurableArea = 0;
        long macs = 0;
        long conversions = 0;
        double latency = 0;
        for (LayerTiling layer : tiling.layers()) {
            double layerLatency = 0;
            for (ArrayTile t : layer.tiles()) {
                TileCost c = tileCost(tiling, t, strategy.get(t.index()));
                tiles.add(c);
                energy += c.energyPj();
                area += c.areaUm2();
                reconfigurableArea += c.reconfigurableAreaUm2();
                macs += c.macs();
                conversions += c.conversions();
                layerLatency = Math.max(layerLatency, c.latencyNs());
            }
            layers.add(layerLatency);
            latency = latencyMode == LatencyMode.PIPELINED ? Math.max(latency, layerLatency) : latency + layerLatency;
        }
        return new NetworkCost(tiles, layers, energy, latency, area, reconfigurableArea, macs, conversions);
    }
}
