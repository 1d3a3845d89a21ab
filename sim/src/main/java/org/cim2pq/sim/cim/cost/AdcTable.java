package org.cim2pq.sim.cim.cost;

import java.util.Arrays;

/**
 * An ADC's characteristics by resolution: energy per conversion, conversion time and area per ADC, tabulated for
 * {@code 1 .. maxBits()} bits, built from a preset's table (published values, or values computed by the source's own
 * model) and extended log-linearly beyond it.
 *
 * @param energyPj energy per conversion, pJ, index = bits
 * @param conversionNs time per conversion, ns, index = bits
 * @param areaUm2 area of one ADC, um^2, index = bits
 */
public record AdcTable(double[] energyPj, double[] conversionNs, double[] areaUm2) {

    /**
     * Largest resolution tabulated: the psum machine's lossless ADC converts the whole signed sum of a tile (up to
     * {@code ceil(log2(2 R (2^bIn - 1)(2^(bW-1) - 1) + 1))} bits, 40 at R = 128 and 16-bit operands).
     */
    public static final int MAX_BITS = 48;

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
     * A SAR ADC from published energies and areas for {@code firstBits ..} bits, extended log-linearly outside
     * them; a b-bit conversion takes {@code (b + extraCycles) / clockGhz} ns.
     */
    static AdcTable fromPublished(double[] energyPj, double[] areaUm2, int firstBits, double clockGhz,
                                  double extraCycles) {
        if (energyPj.length != areaUm2.length || energyPj.length < 2) {
            throw new IllegalArgumentException("a published ADC table needs at least two resolutions of energy and "
                    + "area, got " + energyPj.length + " and " + areaUm2.length);
        }
        return new AdcTable(extend(energyPj, firstBits), sarTime(clockGhz, extraCycles), extend(areaUm2, firstBits));
    }

    private static double[] sarTime(double clockGhz, double extraCycles) {
        double[] time = new double[MAX_BITS + 1];
        time[0] = Double.NaN;
        for (int b = 1; b <= MAX_BITS; b++) {
            time[b] = (b + extraCycles) / clockGhz;
        }
        return time;
    }

    /**
     * Published values for {@code firstBits .. firstBits + values.length - 1} bits, extended log-linearly (constant
     * ratio of the two nearest published entries) below and above, so values keep rising with resolution.
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
