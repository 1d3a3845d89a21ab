package org.cim2pq.sim.cim.cost;

/**
 * The hardware cost of one tile for one inference, on one machine.
 *
 * @param tile tile index (tile order)
 * @param adcBits ADC resolution costed (the machine's lossless width for a lossless ADC)
 * @param conversions ADC conversions
 * @param adcEnergyPj conversions x E_adc
 * @param crossbarEnergyPj cell reads
 * @param dacEnergyPj row DAC drives
 * @param columnReadoutEnergyPj bringing each converted column to its ADC (bitserial: ISAAC's sample-and-hold,
 *        NeuroSim's column multiplexer), or the analog accumulation of cycles and slices (psum)
 * @param shiftAddEnergyPj digital recombination, one shift-add per conversion
 * @param bufferEnergyPj input and output traffic through the buffers
 * @param cycleNs time of one array cycle (read, and conversions of the columns sharing an ADC)
 * @param latencyNs time for the tile's MVMs
 * @param areaUm2 area of its arrays on a chip built for this strategy (ADCs sized at {@code adcBits})
 * @param reconfigurableAreaUm2 area of its arrays on one reconfigurable chip (ADCs at the largest resolution)
 * @param macs multiply-accumulates per inference
 */
public record TileCost(int tile, int adcBits, long conversions, double adcEnergyPj, double crossbarEnergyPj,
                       double dacEnergyPj, double columnReadoutEnergyPj, double shiftAddEnergyPj,
                       double bufferEnergyPj, double cycleNs, double latencyNs, double areaUm2,
                       double reconfigurableAreaUm2, long macs) {

    /** Total energy, pJ. */
    public double energyPj() {
        return adcEnergyPj + crossbarEnergyPj + dacEnergyPj + columnReadoutEnergyPj + shiftAddEnergyPj
                + bufferEnergyPj;
    }
}
