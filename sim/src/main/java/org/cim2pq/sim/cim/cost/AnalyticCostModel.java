package org.cim2pq.sim.cim.cost;

import java.util.ArrayList;
import java.util.List;

import org.cim2pq.sim.cim.array.ArrayConfig;
import org.cim2pq.sim.cim.array.ArrayTile;
import org.cim2pq.sim.cim.array.LayerTiling;
import org.cim2pq.sim.cim.array.NetworkTiling;
import org.cim2pq.sim.cim.quant.TilePrecisions;

/**
 * The cost model of METHOD.md section 3, per tile with M = MVMs per inference, {@code cycles = ceil(bIn / dacBits)}
 * and {@code cols = usedOutputChannels * ceil(bW / cellBits) * d}:
 * <ul>
 *   <li>conversions = M * cycles * cols (the hardware is bit-serial in either simulation fidelity);</li>
 *   <li>energy = conversions * E_adc(bPs) + cell reads (M * cycles * rows * cols) + DAC drives (M * cycles * rows)
 *       + one shift-add per conversion + buffer traffic (M * (rows * bIn + outChannels * outputBits) bits);</li>
 *   <li>latency = M * cycles * ceil(cols / ADCs per array) * t_adc(bPs); a layer takes its slowest tile (its
 *       arrays run in parallel); the network sums layers, or takes the slowest one when pipelined;</li>
 *   <li>area = arrays * (crossbar + ADCs * A_adc(bPs) + R DACs + one shift-add per ADC).</li>
 * </ul>
 * A lossless ADC is costed at the lossless width {@code ceil(log2(R (2^cellBits - 1)(2^dacBits - 1) + 1))}.
 */
final class AnalyticCostModel implements CostModel {

    private final HardwarePreset preset;
    private final LatencyMode latencyMode;

    AnalyticCostModel(HardwarePreset preset, LatencyMode latencyMode) {
        this.preset = preset;
        this.latencyMode = latencyMode;
    }

    @Override
    public HardwarePreset preset() {
        return preset;
    }

    @Override
    public TileCost tileCost(NetworkTiling tiling, ArrayTile tile, TilePrecisions p) {
        ArrayConfig config = tiling.config();
        int adcBits = p.isPsumLossless() ? config.losslessPartialSumBits() : p.psumBits();
        long m = tile.mvms();
        long cycles = config.inputCycles(p.inputBits());
        long cols = tile.usedColumns(config, p.weightBits());
        long rows = tile.rows();
        long conversions = m * cycles * cols;
        AdcTable adc = preset.adc();
        double adcEnergy = conversions * adc.energyPj(adcBits);
        double crossbar = (double) m * cycles * rows * cols * preset.cellReadEnergyPj();
        double dac = (double) m * cycles * rows * preset.dacEnergyPj();
        double shiftAdd = conversions * preset.shiftAddEnergyPj();
        double buffer = (double) m * (rows * p.inputBits() + (long) tile.outChannels() * preset.outputBits())
                * preset.bufferEnergyPjPerBit();
        int adcs = config.adcsPerArray();
        long serial = (cols + adcs - 1) / adcs;
        double latency = (double) m * cycles * serial * adc.conversionNs(adcBits);
        double area = tile.physicalArrays() * (preset.crossbarAreaUm2() + adcs * adc.areaUm2(adcBits)
                + config.rows() * preset.dacAreaUm2() + adcs * preset.shiftAddAreaUm2());
        return new TileCost(tile.index(), adcBits, conversions, adcEnergy, crossbar, dac, shiftAdd, buffer, latency,
                area, tile.macs());
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
                macs += c.macs();
                conversions += c.conversions();
                layerLatency = Math.max(layerLatency, c.latencyNs());
            }
            layers.add(layerLatency);
            latency = latencyMode == LatencyMode.PIPELINED ? Math.max(latency, layerLatency) : latency + layerLatency;
        }
        return new NetworkCost(tiles, layers, energy, latency, area, macs, conversions);
    }
}
