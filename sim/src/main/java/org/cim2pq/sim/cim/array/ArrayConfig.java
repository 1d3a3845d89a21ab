package org.cim2pq.sim.cim.array;

import java.util.Locale;

/**
 * The crossbar array and its periphery (METHOD.md section 1). Every field is a named parameter with the METHOD.md
 * default; build with {@link #builder()} and override with the {@code optX} setters.
 *
 * @param rows crossbar rows R (default {@value #DEFAULT_ROWS})
 * @param columns crossbar columns C (default {@value #DEFAULT_COLUMNS})
 * @param cellBits bits stored per cell (default {@value #DEFAULT_CELL_BITS})
 * @param weightEncoding signed-weight encoding (default {@link WeightEncoding#DIFFERENTIAL_PAIR})
 * @param dacBits input bits applied per cycle by the row DACs (default {@value #DEFAULT_DAC_BITS}: bit-serial)
 * @param maxWeightBits largest weight precision bWmax a tile may take; sizes the column blocks so every tile fits
 *        one array at that precision (default {@value #DEFAULT_MAX_WEIGHT_BITS})
 */
public record ArrayConfig(int rows, int columns, int cellBits, WeightEncoding weightEncoding, int dacBits,
                          int maxWeightBits) {

    public static final int DEFAULT_ROWS = 128;
    public static final int DEFAULT_COLUMNS = 128;
    public static final int DEFAULT_CELL_BITS = 2;
    public static final int DEFAULT_DAC_BITS = 1;
    public static final int DEFAULT_MAX_WEIGHT_BITS = 8;

    public ArrayConfig {
        if (rows < 1 || columns < 1 || cellBits < 1 || dacBits < 1 || maxWeightBits < 2) {
            throw new IllegalArgumentException("array configuration out of range: " + rows + "x" + columns
                    + " cellBits=" + cellBits + " dacBits=" + dacBits + " maxWeightBits=" + maxWeightBits);
        }
        if (weightEncoding == null) {
            throw new IllegalArgumentException("weightEncoding is required");
        }
        // fields are not assigned yet inside a compact constructor: compute from the parameters
        if ((columns - weightEncoding.offsetColumns())
                / (slices(weightEncoding, cellBits, maxWeightBits) * weightEncoding.columnsPerSlice()) < 1) {
            throw new IllegalArgumentException("a " + columns + "-column array cannot hold one output channel at "
                    + maxWeightBits + " bits");
        }
    }

    /**
     * The METHOD.md default: 128x128, 2-bit cells, differential pairs, 1-bit DACs, bWmax 8. How many ADCs serve an
     * array is the hardware preset's (its source's provisioning), not the array's.
     */
    public static ArrayConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Weight slices per column for a {@code weightBits}-bit weight (METHOD.md section 1): a differential pair stores
     * the {@code bW - 1} magnitude bits, {@code ceil((bW - 1) / cellBits)}; the offset encoding stores
     * {@code w + 2^(bW-1)}, {@code ceil(bW / cellBits)}. Both simulation fidelities and the cost model use this.
     */
    public int slices(int weightBits) {
        return slices(weightEncoding, cellBits, weightBits);
    }

    private static int slices(WeightEncoding encoding, int cellBits, int weightBits) {
        return (encoding.storedBits(weightBits) + cellBits - 1) / cellBits;
    }

    /** Physical columns one output channel takes at {@code weightBits}: {@code slices(bW) * d}. */
    public int columnsPerOutputChannel(int weightBits) {
        return slices(weightBits) * weightEncoding.columnsPerSlice();
    }

    /** Columns per array that hold no weight (the offset encoding's offset column). */
    public int offsetColumns() {
        return weightEncoding.offsetColumns();
    }

    /** Output channels per column block: {@code floor((C - offset columns) / (slices(bWmax) * d))}. */
    public int outChannelsPerColumnBlock() {
        return (columns - offsetColumns()) / columnsPerOutputChannel(maxWeightBits);
    }

    /** Whole input channels per row block for a k x k kernel: {@code floor(R / (k*k))} (channel-aligned tiling). */
    public int inChannelsPerRowBlock(int kernel) {
        int perBlock = rows / (kernel * kernel);
        if (perBlock < 1) {
            throw new IllegalArgumentException("a " + kernel + "x" + kernel + " kernel does not fit " + rows + " rows");
        }
        return perBlock;
    }

    /** Input cycles for an input of {@code inputBits} bits: {@code ceil(bIn / dacBits)}. */
    public int inputCycles(int inputBits) {
        return (inputBits + dacBits - 1) / dacBits;
    }

    /**
     * ADC resolution at which one column's (input digit, weight slice) partial sum is exact:
     * {@code ceil(log2(R * (2^cellBits - 1) * (2^dacBits - 1) + 1))} (METHOD.md section 2).
     */
    public int losslessPartialSumBits() {
        long levels = (long) rows * ((1L << cellBits) - 1) * ((1L << dacBits) - 1) + 1;
        return 64 - Long.numberOfLeadingZeros(levels - 1);
    }

    /** Short form for tables and logs, e.g. {@code 128x128 cell=2b diff dac=1b bWmax=8}. */
    public String describe() {
        return String.format(Locale.ROOT, "%dx%d cell=%db %s dac=%db bWmax=%d", rows, columns, cellBits,
                weightEncoding == WeightEncoding.DIFFERENTIAL_PAIR ? "diff" : "offset", dacBits, maxWeightBits);
    }

    /** Builder; every value is optional and defaults to METHOD.md. */
    public static final class Builder {
        private int rows = DEFAULT_ROWS;
        private int columns = DEFAULT_COLUMNS;
        private int cellBits = DEFAULT_CELL_BITS;
        private WeightEncoding weightEncoding = WeightEncoding.DIFFERENTIAL_PAIR;
        private int dacBits = DEFAULT_DAC_BITS;
        private int maxWeightBits = DEFAULT_MAX_WEIGHT_BITS;

        private Builder() {}

        public Builder optSize(int rows, int columns) {
            this.rows = rows;
            this.columns = columns;
            return this;
        }

        /** Parses {@code RxC}, e.g. {@code 128x128}. */
        public Builder optSize(String rowsByColumns) {
            String[] parts = rowsByColumns.toLowerCase(Locale.ROOT).split("x");
            if (parts.length != 2) {
                throw new IllegalArgumentException("array size must look like 128x128, got '" + rowsByColumns + "'");
            }
            try {
                return optSize(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("array size must look like 128x128, got '" + rowsByColumns + "'");
            }
        }

        public Builder optCellBits(int cellBits) {
            this.cellBits = cellBits;
            return this;
        }

        public Builder optWeightEncoding(WeightEncoding weightEncoding) {
            this.weightEncoding = weightEncoding;
            return this;
        }

        public Builder optDacBits(int dacBits) {
            this.dacBits = dacBits;
            return this;
        }

        public Builder optMaxWeightBits(int maxWeightBits) {
            this.maxWeightBits = maxWeightBits;
            return this;
        }

        public ArrayConfig build() {
            return new ArrayConfig(rows, columns, cellBits, weightEncoding, dacBits, maxWeightBits);
        }
    }
}
