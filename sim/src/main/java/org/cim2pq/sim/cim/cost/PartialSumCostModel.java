package org.cim2pq.sim.cim.cost;

import org.cim2pq.sim.cim.array.ArrayConfig;
import org.cim2pq.sim.cim.array.ArrayTile;
import org.cim2pq.sim.cim.array.NetworkTiling;
import org.cim2pq.sim.cim.inference.Fidelity;
import org.cim2pq.sim.cim.quant.TilePrecisions;

/**
 * The psum machine's cost (METHOD.md sections 2-3): the whole multi-bit product of a tile is accumulated in the
 * analog domain and converted <b>once per output channel per MVM</b>. The bIn-bit input is applied by the preset's
 * 1-bit DACs over {@code cycles = ceil(bIn / dacBits)} reads, and each column's charge is accumulated across the
 * cycles and the weight slices (binary-weighted charge sharing, differential subtraction before the ADC); the
 * accumulation is charged as one sample-and-hold per column per cycle, the preset's nearest component. Per tile,
 * with M = MVMs:
 * <ul>
 *   <li>conversions = M x outChannels at bPs (a lossless ADC at the width of the whole signed sum,
 *       {@code ceil(log2(2 R (2^bIn - 1)(2^(bW-1) - 1) + 1))});</li>
 *   <li>energy = conversions x E_adc + cell reads (M x cycles x rows x columns) + DAC drives (M x cycles x rows) +
 *       analog accumulation (M x cycles x columns samples) + one shift-add per conversion (the digital sum of row
 *       blocks) + buffers;</li>
 *   <li>per MVM the cycles' reads and the conversions of {@code outChannels / ADCs} channels, overlapped or in
 *       sequence as the preset says; latency = M x that.</li>
 * </ul>
 */
final class PartialSumCostModel extends AnalyticCostModel {

    PartialSumCostModel(HardwarePreset preset, LatencyMode latencyMode, int reconfigurableAdcBits) {
        super(preset, latencyMode, reconfigurableAdcBits);
    }

    @Override
    public Fidelity machine() {
        return Fidelity.PSUM;
    }

    /** Bits of the lossless psum ADC: the signed sum of R products of bIn-bit inputs and bW-bit weights. */
    static int losslessBits(ArrayConfig config, TilePrecisions p) {
        long maxProduct = ((1L << p.inputBits()) - 1) * ((1L << (p.weightBits() - 1)) - 1);
        return BitSerialCostModel.bitsFor(2L * config.rows() * maxProduct);
    }

    @Override
    public TileCost tileCost(NetworkTiling tiling, ArrayTile tile, TilePrecisions p) {
        ArrayConfig config = tiling.config();
        int adcBits = p.isPsumLossless() ? losslessBits(config, p) : p.psumBits();
        long m = tile.mvms();
        long cycles = config.inputCycles(p.inputBits());
        long columns = tile.usedColumns(config, p.weightBits());
        long rows = tile.rows();
        long conversions = m * tile.outChannels();
        AdcTable adc = preset.adc();
        double adcEnergy = conversions * adc.energyPj(adcBits);
        double crossbar = (double) m * cycles * rows * columns * preset.cellReadEnergyPj();
        double dac = (double) m * cycles * rows * preset.dacEnergyPj();
        double accumulation = (double) m * cycles * columns * preset.columnReadoutEnergyPj();
        double shiftAdd = conversions * preset.shiftAddEnergyPj(adcBits);
        int adcs = preset.adcsPerArray(config.columns());
        double conversionNs = (double) tile.outChannels() * adc.conversionNs(adcBits) / adcs;
        double perMvm = cycleNs(cycles * preset.readNs(), conversionNs);
        return new TileCost(tile.index(), adcBits, conversions, adcEnergy, crossbar, dac, accumulation, shiftAdd,
                bufferEnergyPj(tile, p), perMvm / cycles, m * perMvm,
                tile.physicalArrays() * arrayAreaUm2(config, adcBits),
                tile.physicalArrays() * reconfigurableArrayAreaUm2(config), tile.macs());
    }
}
