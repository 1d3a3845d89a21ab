package org.cim2pq.sim.cim.cost;

import java.util.Arrays;

/**
 * An ADC's characteristics by resolution: energy per conversion, conversion time and area per ADC, tabulated for
 * {@code 1 .. maxBits()} bits. Presets build it either from a published table or from a published formula; either
 * way the cost model only looks values up.
 *
 * @param energyPj energy per conversion, pJ, index = bits
 * @param conversionNs time per conversion, ns, index = bits
 * @param areaUm2 area of one ADC, um^2, index = bits
 */
public record AdcTable(double[] energyPj, double[] conversionNs, double[] areaUm2) {

    /** Largest resolution tabulated by the presets. */
    public static final int MAX_BITS = 16;

    public AdcTable {
        energyPj = energyPj.clone();
        conversionNs = conversionNs.clone();
        areaUm2 = areaUm2.clone();
        if (energyPj.length != conversionNs.length || energyPj.length != areaUm2.length) {
            throw new IllegalArgumentException("ADC table columns differ in length");
        }
    }

    public int maxBits() {
        return energyPj.length - 1;
    }

    public double energyPj(int bits) {
        return energyPj[check(bits)];
    }

    public double conversionNs(int bits) {
        return conversionNs[check(bits)];
    }

    public double areaUm2(int bits) {
        return areaUm2[check(bits)];
    }

    private int check(int bits) {
        if (bits < 1 || bits > maxBits()) {
            throw new IllegalArgumentException("ADC resolution " + bits + " outside 1.." + maxBits());
        }
        return bits;
    }

    /**
     * A table from published values for {@code firstBits .. firstBits + values.length - 1} bits, extended
     * log-linearly (constant ratio of the two nearest published entries) below and above, so values keep rising
     * with resolution.
     */
    static double[] extend(double[] published, int firstBits) {
        double[] out = new double[MAX_BITS + 1];
        int last = firstBits + published.length - 1;
        for (int b = 1; b <= MAX_BITS; b++) {
            if (b < firstBits) {
                double ratio = published[1] / published[0];
                out[b] = published[0] / Math.pow(ratio, firstBits - b);
            } else if (b > last) {
                double ratio = published[published.length - 1] / published[published.length - 2];
                out[b] = published[published.length - 1] * Math.pow(ratio, b - last);
            } else {
                out[b] = published[b - firstBits];
            }
        }
        out[0] = Double.NaN;
        return out;
    }

    @Override
    public String toString() {
        return "AdcTable[energyPj=" + Arrays.toString(energyPj) + "]";
    }
}
