package org.cim2pq.sim.cim.inference;

/**
 * Per-tile counts of ADC conversions that saturated, gathered during one quantized forward pass: the partial-sum
 * clipping rate reported as an evaluation metric. In {@code psum} fidelity a conversion is one tile output value;
 * in {@code bitserial} fidelity one (input digit, weight slice) column count.
 */
public final class PartialSumClipping {

    private final double[] clipped;
    private final double[] conversions;

    public PartialSumClipping(int tiles) {
        clipped = new double[tiles];
        conversions = new double[tiles];
    }

    void add(int tile, double clippedCount, double conversionCount) {
        clipped[tile] += clippedCount;
        conversions[tile] += conversionCount;
    }

    /** Adds {@code other}'s counts to this one's. */
    public void addAll(PartialSumClipping other) {
        for (int i = 0; i < clipped.length; i++) {
            clipped[i] += other.clipped[i];
            conversions[i] += other.conversions[i];
        }
    }

    /** Fraction of the tile's simulated conversions that clipped (0 for a lossless ADC). */
    public double rate(int tile) {
        return conversions[tile] == 0 ? 0 : clipped[tile] / conversions[tile];
    }

    /** Fraction over all tiles. */
    public double overallRate() {
        double c = 0;
        double n = 0;
        for (int i = 0; i < clipped.length; i++) {
            c += clipped[i];
            n += conversions[i];
        }
        return n == 0 ? 0 : c / n;
    }

    public int tiles() {
        return clipped.length;
    }
}
