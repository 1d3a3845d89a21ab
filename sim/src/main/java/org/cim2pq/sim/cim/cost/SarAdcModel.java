package org.cim2pq.sim.cim.cost;

/**
 * The SAR ADC model of DNN+NeuroSim V1.4 ({@code SarADC.cpp}, 22 nm, LP roadmap), from which
 * {@link HardwarePreset#NEUROSIM_SAR_22NM} tabulates its ADC:
 * <ul>
 *   <li>power {@code P = (0.538 b + 4.3753) uW + 0.072341 * exp(-2.303 log10(R')) W}, R' the column resistance
 *       (scaled by 0.5 V / Vread; Vread = 0.5 V here);</li>
 *   <li>conversion time {@code (b + 1)} ns; energy {@code P * (b + 1)} ns;</li>
 *   <li>area per ADC {@code A_N (269 + 109 (b - 1)) + A_P (209 + 73 (b - 1))}, A_N / A_P the area of a
 *       minimum-size NMOS / PMOS inverter gate in feature-size units.</li>
 * </ul>
 */
public final class SarAdcModel {

    /**
     * Column resistance R' (ohm). NeuroSim computes it from the cells' conductances per read; this analytic model
     * takes one value: 100 kOhm, an RRAM column (R_on 6 kOhm, R_off 900 kOhm in NeuroSim's defaults) with sparse
     * bit-serial activation. Assumption, spec silent; at 100 kOhm the term adds about 0.7 uW to 4.9-13 uW.
     */
    public static final double DEFAULT_COLUMN_RESISTANCE_OHM = 100e3;
    /** Feature size of the 22 nm node, um. */
    public static final double FEATURE_SIZE_UM = 0.022;
    /**
     * Area of a minimum NMOS gate in F^2: NeuroSim's MIN_NMOS_SIZE is 1.5 F wide; with contacts and poly pitch an
     * inverter gate spans about 4 F x 3 F. Assumption (NeuroSim computes it with CalculateGateArea).
     */
    public static final double NMOS_AREA_F2 = 12;
    /** Area of a minimum PMOS gate in F^2: twice the NMOS width (pnSizeRatio 2), about 4 F x 4.5 F. Assumption. */
    public static final double PMOS_AREA_F2 = 18;

    private SarAdcModel() {}

    /** Power in W of one ADC at {@code bits}. */
    public static double powerW(int bits, double columnResistanceOhm) {
        return (0.538 * bits + 4.3753) * 1e-6 + 0.072341 * Math.exp(-2.303 * Math.log10(columnResistanceOhm));
    }

    /** Conversion time in ns: {@code bits + 1}. */
    public static double conversionNs(int bits) {
        return bits + 1;
    }

    /** Energy per conversion in pJ: power x conversion time. */
    public static double energyPj(int bits, double columnResistanceOhm) {
        return powerW(bits, columnResistanceOhm) * conversionNs(bits) * 1e-9 * 1e12;
    }

    /** Area of one ADC in um^2. */
    public static double areaUm2(int bits) {
        double f2 = FEATURE_SIZE_UM * FEATURE_SIZE_UM;
        return (NMOS_AREA_F2 * (269 + 109 * (bits - 1)) + PMOS_AREA_F2 * (209 + 73 * (bits - 1))) * f2;
    }
}
