package org.cim2pq.sim.cim.array;

/**
 * How a signed weight is stored in unsigned conductances.
 */
public enum WeightEncoding {
    /** Two columns per weight slice, {@code w = G+ - G-} (METHOD.md default, {@code d = 2}). */
    DIFFERENTIAL_PAIR(2),
    /**
     * One column per weight slice holding {@code w + 2^(bW-1)}; the offset is removed digitally ({@code d = 1}).
     * As in METHOD.md's column-block formula, the shared reference column is not counted.
     */
    OFFSET_COLUMN(1);

    private final int columnsPerSlice;

    WeightEncoding(int columnsPerSlice) {
        this.columnsPerSlice = columnsPerSlice;
    }

    /** {@code d} of METHOD.md: physical columns per weight slice. */
    public int columnsPerSlice() {
        return columnsPerSlice;
    }
}
