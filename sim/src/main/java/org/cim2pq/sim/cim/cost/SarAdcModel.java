package org.cim2pq.sim.cim.cost;

/**
 * The SAR ADC model of DNN+NeuroSim V1.4 ({@code SarADC.cpp}), its coefficients read from a preset:
 * <ul>
 *   <li>power {@code P = (powerPerBit * b + power) uW + columnTerm * exp(columnExponent * log10(R')) W}, R' the
 *       column resistance;</li>
 *   <li>area per ADC {@code A_N (n0 + n1 (b - 1)) + A_P (p0 + p1 (b - 1))}, A_N / A_P the area of a minimum NMOS /
 *       PMOS gate.</li>
 * </ul>
 *
 * @param powerUwPerBit the power's slope in the resolution, uW per bit
 * @param powerUw the power's constant term, uW
 * @param columnTermW the column-resistance term's factor, W
 * @param columnExponent the column-resistance term's exponent factor
 * @param columnResistanceOhm R'
 * @param nmosGates {n0, n1}
 * @param pmosGates {p0, p1}
 * @param nmosAreaUm2 A_N
 * @param pmosAreaUm2 A_P
 */
public record SarAdcModel(double powerUwPerBit, double powerUw, double columnTermW, double columnExponent,
                          double columnResistanceOhm, double[] nmosGates, double[] pmosGates, double nmosAreaUm2,
                          double pmosAreaUm2) {

    public SarAdcModel {
        if (nmosGates.length != 2 || pmosGates.length != 2) {
            throw new IllegalArgumentException("SAR ADC gate counts need two coefficients each");
        }
        nmosGates = nmosGates.clone();
        pmosGates = pmosGates.clone();
    }

    /** Power in W of one ADC at {@code bits}. */
    public double powerW(int bits) {
        return (powerUwPerBit * bits + powerUw) * 1e-6
                + columnTermW * Math.exp(columnExponent * Math.log10(columnResistanceOhm));
    }

    /** Area of one ADC in um^2. */
    public double areaUm2(int bits) {
        return nmosAreaUm2 * (nmosGates[0] + nmosGates[1] * (bits - 1))
                + pmosAreaUm2 * (pmosGates[0] + pmosGates[1] * (bits - 1));
    }
}
