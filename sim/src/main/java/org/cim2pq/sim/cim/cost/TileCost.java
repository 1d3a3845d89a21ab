package org.cim2pq.sim.cim.cost;

/**
 * The hardware cost of one tile for one inference.
 *
 * @param tile tile index (tile order)
 * @param adcBits ADC resolution costed (the lossless width for a lossless ADC)
 * @param conversions ADC conversions: {@code M * cycles * usedColumns}
 * @param adcEnergyPj conversions x E_adc
 * @param crossbarEnergyPj cell reads
 * @param dacEnergyPj row DAC drives
 * @param shiftAddEnergyPj digital recombination, one shift-add per conversion
 * @param bufferEnergyPj input and partial-sum traffic
 * @param latencyNs time for the tile's MVMs: {@code M * cycles * ceil(cols / ADCs) * t_adc}
 * @param areaUm2 area of its arrays: crossbar, ADCs, DACs, shift-adds
 * @param macs multiply-accumulates per inference
 */
public record TileCost(int tile, int adcBits, long conversions, double adcEnergyPj, double crossbarEnergyPj,
                       double dacEnergyPj, double shiftAddEnergyPj, double bufferEnergyPj, double latencyNs,
                       double areaUm2, long macs) {

    /** Total energy, pJ. */
    public double energyPj() {
        return adcEnergyPj + crossbarEnergyPj + dacEnergyPj + shiftAddEnergyPj + bufferEnergyPj;
    }
}
