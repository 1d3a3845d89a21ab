package org.cim2pq.sim.cim.cost;

import java.util.List;
import java.util.Locale;

/**
 * The technology constants of a cost model, as data. Two presets ship (METHOD.md section 3); add one by
 * constructing this record, not by branching in code.
 *
 * @param name preset name used in configuration
 * @param source where the numbers come from
 * @param adc the ADC by resolution
 * @param dacEnergyPj energy of one 1-bit DAC drive (one row, one input cycle), pJ
 * @param dacAreaUm2 area of one row DAC, um^2
 * @param shiftAddEnergyPj energy of one shift-add (one ADC output accumulated), pJ
 * @param shiftAddAreaUm2 area of one shift-add unit (one per ADC), um^2
 * @param cellReadEnergyPj energy of reading one cell for one input cycle, pJ
 * @param crossbarAreaUm2 area of one R x C crossbar, um^2
 * @param bufferEnergyPjPerBit buffer traffic energy per bit moved (inputs in, partial sums out), pJ
 * @param outputBits width of a partial sum sent to the digital side, bits
 */
public record HardwarePreset(String name, String source, AdcTable adc, double dacEnergyPj, double dacAreaUm2,
                             double shiftAddEnergyPj, double shiftAddAreaUm2, double cellReadEnergyPj,
                             double crossbarAreaUm2, double bufferEnergyPjPerBit, int outputBits) {

    // ---- Peripheral constants from ISAAC (Shafiee et al., ISCA 2016, Table 6; 32 nm), per METHOD.md ---------
    /** 1-bit DAC energy per drive, pJ (ISAAC table as used by Accelergy's library). */
    public static final double ISAAC_DAC_PJ = 0.4167;
    /** 1-bit DAC area, um^2. */
    public static final double ISAAC_DAC_UM2 = 0.166;
    /** 16-bit shift-add energy per op, pJ. */
    public static final double ISAAC_SHIFT_ADD_PJ = 0.021;
    /** 16-bit shift-add area, um^2. */
    public static final double ISAAC_SHIFT_ADD_UM2 = 60;
    /**
     * Cell read energy per cycle, pJ: ISAAC's eight 128x128 2-bit arrays draw 2.4 mW at a 100 ns read cycle, i.e.
     * 30 pJ per array read, over 16384 cells.
     */
    public static final double ISAAC_CELL_READ_PJ = 2.4e-3 / 8 * 100e-9 / 16384 * 1e12;
    /** One 128x128 crossbar, um^2: ISAAC's 0.0002 mm^2 for eight arrays. */
    public static final double ISAAC_CROSSBAR_UM2 = 0.0002e6 / 8;
    /**
     * Buffer energy per bit, pJ: ISAAC's 2 KB input register draws 1.24 mW and feeds 8 arrays x 128 rows x 1 bit
     * per 100 ns cycle, i.e. 124 pJ per 1024 bits. Used for inputs in and partial sums out (spec silent on buffers).
     */
    public static final double ISAAC_BUFFER_PJ_PER_BIT = 1.24e-3 * 100e-9 / 1024 * 1e12;
    /** Partial sums leave the array as 16-bit values (the shift-add width). */
    public static final int OUTPUT_BITS = 16;

    /**
     * ISAAC 32 nm ADC table (Saberi et al., TCAS-I 2011, as used by ISAAC and Accelergy's library): energy per
     * conversion for 4..10 bits and area per ADC; extended log-linearly outside 4..10 bits. Conversion time: a SAR
     * ADC resolves one bit per clock; ISAAC's 8-bit ADC runs at 1.28 GS/s, so {@code b / 8 / 1.28} ns.
     */
    public static final HardwarePreset ISAAC_32NM = new HardwarePreset("isaac-32nm",
            "ISAAC (Shafiee et al., ISCA 2016) with the Saberi 2011 ADC table as in Accelergy's library",
            isaacAdc(), ISAAC_DAC_PJ, ISAAC_DAC_UM2, ISAAC_SHIFT_ADD_PJ, ISAAC_SHIFT_ADD_UM2, ISAAC_CELL_READ_PJ,
            ISAAC_CROSSBAR_UM2, ISAAC_BUFFER_PJ_PER_BIT, OUTPUT_BITS);

    /**
     * DNN+NeuroSim V1.4 SAR ADC at 22 nm (LP) for the ADC; the peripheral constants are ISAAC's (NeuroSim's own
     * depend on its full circuit model, which this analytic model does not reproduce; spec silent).
     */
    public static final HardwarePreset NEUROSIM_SAR_22NM = new HardwarePreset("neurosim-sar-22nm",
            "DNN+NeuroSim V1.4 SarADC.cpp (22 nm LP); peripherals from ISAAC",
            neuroSimSarAdc(SarAdcModel.DEFAULT_COLUMN_RESISTANCE_OHM), ISAAC_DAC_PJ, ISAAC_DAC_UM2,
            ISAAC_SHIFT_ADD_PJ, ISAAC_SHIFT_ADD_UM2, ISAAC_CELL_READ_PJ, ISAAC_CROSSBAR_UM2, ISAAC_BUFFER_PJ_PER_BIT,
            OUTPUT_BITS);

    /** The shipped presets. */
    public static List<HardwarePreset> presets() {
        return List.of(ISAAC_32NM, NEUROSIM_SAR_22NM);
    }

    /** The preset named {@code name} (case-insensitive). */
    public static HardwarePreset byName(String name) {
        for (HardwarePreset p : presets()) {
            if (p.name().equalsIgnoreCase(name.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown hardware preset '" + name + "', known: "
                + presets().stream().map(HardwarePreset::name).toList());
    }

    /** ISAAC/Saberi ADC: published 4..10-bit values. */
    static AdcTable isaacAdc() {
        double[] energy = AdcTable.extend(new double[] {0.79, 0.99, 1.20, 1.42, 1.67, 1.97, 2.38}, 4);
        double[] area = AdcTable.extend(new double[] {361, 477, 627, 845, 1200, 1828, 3002}, 4);
        double[] time = new double[AdcTable.MAX_BITS + 1];
        time[0] = Double.NaN;
        for (int b = 1; b <= AdcTable.MAX_BITS; b++) {
            time[b] = b / 8.0 / 1.28;
        }
        return new AdcTable(energy, time, area);
    }

    /** NeuroSim SAR ADC tabulated from its formula. */
    static AdcTable neuroSimSarAdc(double columnResistanceOhm) {
        double[] energy = new double[AdcTable.MAX_BITS + 1];
        double[] time = new double[AdcTable.MAX_BITS + 1];
        double[] area = new double[AdcTable.MAX_BITS + 1];
        energy[0] = time[0] = area[0] = Double.NaN;
        for (int b = 1; b <= AdcTable.MAX_BITS; b++) {
            energy[b] = SarAdcModel.energyPj(b, columnResistanceOhm);
            time[b] = SarAdcModel.conversionNs(b);
            area[b] = SarAdcModel.areaUm2(b);
        }
        return new AdcTable(energy, time, area);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (%s)", name, source);
    }
}
