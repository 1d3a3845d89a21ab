package org.cim2pq.sim.cim.cost;

import org.cim2pq.sim.cim.array.ArrayConfig;
import org.cim2pq.sim.cim.array.ArrayTile;
import org.cim2pq.sim.cim.array.NetworkTiling;
import org.cim2pq.sim.cim.inference.Fidelity;
import org.cim2pq.sim.cim.quant.TilePrecisions;

/**
 * The bit-serial machine's cost (METHOD.md sections 2-3): every (input cycle, weight slice, polarity column) column
 * count is converted. Per tile, with M = MVMs, {@code cycles = ceil(bIn / dacBits)} and
 * {@code cols = outChannels x slices(bW) x polarity columns}:
 * <ul>
 *   <li>conversions = M x cycles x cols at bPs (the lossless width {@code ceil(log2(R (2^cellBits - 1)
 *       (2^dacBits - 1) + 1))} for a lossless ADC), plus M x cycles for the offset encoding's offset column at its
 *       own lossless width (the simulation removes the offset exactly);</li>
 *   <li>energy = conversions x E_adc + cell reads (M x cycles x rows x columns) + DAC drives (M x cycles x rows) +
 *       one column readout (sample-and-hold or multiplexer) and one shift-add per conversion + buffers;</li>
 *   <li>cycle = read time with the conversions of {@code columns / ADCs per array} columns; latency = M x cycles x
 *       cycle.</li>
 * </ul>
 */
final class BitSerialCostModel extends AnalyticCostModel {

    BitSerialCostModel(HardwarePreset preset, LatencyMode latencyMode, int reconfigurableAdcBits) {
        super(preset, latencyMode, reconfigurableAdcBits);
    }

    @Override
    public Fidelity machine() {
        return Fidelity.BITSERIAL;
    }

    @Override
    public TileCost tileCost(NetworkTiling tiling, ArrayTile tile, TilePrecisions p) {
        ArrayConfig config = tiling.config();
        int adcBits = p.isPsumLossless() ? config.losslessPartialSumBits() : p.psumBits();
        long m = tile.mvms();
        long cycles = config.inputCycles(p.inputBits());
        long weightColumns = (long) tile.outChannels() * config.columnsPerOutputChannel(p.weightBits());
        long offsetColumns = config.offsetColumns();
        long columns = weightColumns + offsetColumns;
        long rows = tile.rows();
        // the offset column's cells all hold level 1: its count is the digit sum of at most R inputs
        int offsetBits = bitsFor((long) config.rows() * ((1L << config.dacBits()) - 1));
        long conversions = m * cycles * weightColumns;
        long offsetConversions = m * cycles * offsetColumns;
        AdcTable adc = preset.adc();
        double adcEnergy = conversions * adc.energyPj(adcBits) + offsetConversions * adc.energyPj(offsetBits);
        double crossbar = (double) m * cycles * rows * columns * preset.cellReadEnergyPj();
        double dac = (double) m * cycles * rows * preset.dacEnergyPj();
        long converted = conversions + offsetConversions;
        double readout = converted * preset.columnReadoutEnergyPj();
        double shiftAdd = converted * preset.shiftAddEnergyPj(adcBits);
        int adcs = preset.adcsPerArray(config.columns());
        // columns spread evenly over the array's ADCs
        double conversionNs = (weightColumns * adc.conversionNs(adcBits)
                + offsetColumns * adc.conversionNs(offsetBits)) / adcs;
        double cycle = cycleNs(preset.readNs(), conversionNs);
        double latency = (double) m * cycles * cycle;
        return new TileCost(tile.index(), adcBits, converted, adcEnergy, crossbar, dac, readout, shiftAdd,
                bufferEnergyPj(tile, p), cycle, latency, tile.physicalArrays() * arrayAreaUm2(config, adcBits),
                tile.physicalArrays() * reconfigurableArrayAreaUm2(config), tile.macs());
    }

    /** Bits that represent {@code 0 .. max} exactly. */
    static int bitsFor(long max) {
        return Math.max(1, 64 - Long.numberOfLeadingZeros(max));
    }
}
