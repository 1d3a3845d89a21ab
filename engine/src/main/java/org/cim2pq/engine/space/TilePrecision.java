package org.cim2pq.engine.space;

/** The bit widths one tile runs at: input (DAC cycles), weight, and partial sum (ADC resolution). */
public record TilePrecision(int inputBits, int weightBits, int partialSumBits) {

    public TilePrecision {
        if (inputBits < 1 || weightBits < 1 || partialSumBits < 1) {
            throw new IllegalArgumentException("bit widths must be >= 1: " + inputBits + "/" + weightBits + "/" + partialSumBits);
        }
    }

    /** The same width for all three, e.g. {@code uniform(8)}. */
    public static TilePrecision uniform(int bits) {
        return new TilePrecision(bits, bits, bits);
    }

    public int bits(PrecisionKind kind) {
        return switch (kind) {
            case INPUT -> inputBits;
            case WEIGHT -> weightBits;
            case PARTIAL_SUM -> partialSumBits;
        };
    }

    @Override
    public String toString() {
        return inputBits + "/" + weightBits + "/" + partialSumBits;
    }
}
