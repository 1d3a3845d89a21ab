package org.cim2pq.sim.cim.quant;

/**
 * The precisions of one tile: the element of an arraywise strategy. A strategy is a list of these in the tile order
 * of {@link org.cim2pq.sim.cim.array.NetworkTiling}.
 *
 * @param inputBits bIn: input bits, also the number of bit-serial input cycles with 1-bit DACs
 * @param weightBits bW: weight bits (symmetric, sign included)
 * @param psumBits bPs: ADC bits, or {@link #LOSSLESS} for an ideal ADC (reference setting)
 */
public record TilePrecisions(int inputBits, int weightBits, int psumBits) {

    /** {@code psumBits} value meaning a lossless ADC. */
    public static final int LOSSLESS = 0;

    public TilePrecisions {
        if (inputBits < 2 || inputBits > 16 || weightBits < 2 || weightBits > 16) {
            throw new IllegalArgumentException("bIn and bW must be in 2..16, got " + inputBits + ", " + weightBits);
        }
        if (psumBits != LOSSLESS && (psumBits < 1 || psumBits > 24)) {
            throw new IllegalArgumentException("bPs must be in 1..24 or LOSSLESS, got " + psumBits);
        }
    }

    /** bIn = bW = bPs = {@code bits}. */
    public static TilePrecisions uniform(int bits) {
        return new TilePrecisions(bits, bits, bits);
    }

    /** The given input and weight bits with a lossless ADC. */
    public static TilePrecisions lossless(int inputBits, int weightBits) {
        return new TilePrecisions(inputBits, weightBits, LOSSLESS);
    }

    public boolean isPsumLossless() {
        return psumBits == LOSSLESS;
    }

    @Override
    public String toString() {
        return "(" + inputBits + "," + weightBits + "," + (isPsumLossless() ? "lossless" : psumBits) + ")";
    }
}
