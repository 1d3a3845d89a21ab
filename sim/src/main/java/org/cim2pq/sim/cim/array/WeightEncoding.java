package org.cim2pq.sim.cim.array;

/**
 * How a signed weight is stored in unsigned conductances (METHOD.md section 1).
 */
public enum WeightEncoding {
    /**
     * Two columns per weight slice, {@code w = G+ - G-} (METHOD.md default, {@code d = 2}). Each column of the pair
     * holds the magnitude of one sign of a {@code bW}-bit sign-magnitude weight: {@code bW - 1} bits.
     */
    DIFFERENTIAL_PAIR(2, 1, 0),
    /**
     * One column per weight slice holding {@code w + 2^(bW-1)} ({@code bW} bits, {@code d = 1}), plus one offset
     * column per array: every cell at level 1, so its count is the input's digit sum, which the digital side scales
     * by {@code 2^(bW-1)} and subtracts. The offset column serves all output channels of the array.
     */
    OFFSET_COLUMN(1, 0, 1);

    private final int columnsPerSlice;
    private final int bitsSaved;
    private final int offsetColumns;

    WeightEncoding(int columnsPerSlice, int bitsSaved, int offsetColumns) {
        this.columnsPerSlice = columnsPerSlice;
        this.bitsSaved = bitsSaved;
        this.offsetColumns = offsetColumns;
    }

    /** Bits each column stores for a {@code bW}-bit weight: {@code bW - 1} (a pair's magnitudes) or {@code bW}. */
    public int storedBits(int weightBits) {
        return weightBits - bitsSaved;
    }

    /** Columns per array that hold no weight: 1 offset column for {@link #OFFSET_COLUMN}, else 0. */
    public int offsetColumns() {
        return offsetColumns;
    }

    /** {@code d} of METHOD.md: physical columns per weight slice. */
    public int columnsPerSlice() {
        return columnsPerSlice;
    }
}
