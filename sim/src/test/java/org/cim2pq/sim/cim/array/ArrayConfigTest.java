package org.cim2pq.sim.cim.array;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The slice counts of METHOD.md section 1, for every weight precision under both encodings. */
class ArrayConfigTest {

    @Test
    void differentialPairsStoreTheMagnitudeBitsOnly() {
        // bW-bit sign-magnitude weight: bW - 1 magnitude bits per column of the pair, ceil((bW - 1) / cellBits).
        int[][] expected = { // {bW, 1-bit cells, 2-bit cells, 3-bit cells}
            {2, 1, 1, 1}, {3, 2, 1, 1}, {4, 3, 2, 1}, {5, 4, 2, 2}, {6, 5, 3, 2}, {7, 6, 3, 2}, {8, 7, 4, 3},
            {9, 8, 4, 3}, {10, 9, 5, 3}, {11, 10, 5, 4}, {12, 11, 6, 4}, {13, 12, 6, 4}, {14, 13, 7, 5},
            {15, 14, 7, 5}, {16, 15, 8, 5}};
        for (int[] row : expected) {
            for (int cellBits = 1; cellBits <= 3; cellBits++) {
                ArrayConfig c = ArrayConfig.builder().optCellBits(cellBits).build();
                assertEquals(row[cellBits], c.slices(row[0]), "bW=" + row[0] + " cellBits=" + cellBits);
                assertEquals(2 * row[cellBits], c.columnsPerOutputChannel(row[0]));
            }
        }
    }

    @Test
    void offsetEncodingStoresAllBitsPlusOneOffsetColumn() {
        // w + 2^(bW-1) takes bW bits: ceil(bW / cellBits) slices, one column each.
        int[][] expected = { // {bW, 1-bit cells, 2-bit cells, 3-bit cells}
            {2, 2, 1, 1}, {3, 3, 2, 1}, {4, 4, 2, 2}, {5, 5, 3, 2}, {6, 6, 3, 2}, {7, 7, 4, 3}, {8, 8, 4, 3},
            {9, 9, 5, 3}, {10, 10, 5, 4}, {11, 11, 6, 4}, {12, 12, 6, 4}, {13, 13, 7, 5}, {14, 14, 7, 5},
            {15, 15, 8, 5}, {16, 16, 8, 6}};
        for (int[] row : expected) {
            for (int cellBits = 1; cellBits <= 3; cellBits++) {
                ArrayConfig c = ArrayConfig.builder().optCellBits(cellBits)
                        .optWeightEncoding(WeightEncoding.OFFSET_COLUMN).build();
                assertEquals(row[cellBits], c.slices(row[0]), "bW=" + row[0] + " cellBits=" + cellBits);
                assertEquals(row[cellBits], c.columnsPerOutputChannel(row[0]));
                assertEquals(1, c.offsetColumns());
            }
        }
    }

    @Test
    void columnBlocksLeaveRoomForTheOffsetColumn() {
        // differential, bWmax 8, 2-bit cells: 4 slices x 2 columns -> 128 / 8 = 16 channels
        assertEquals(16, ArrayConfig.defaults().outChannelsPerColumnBlock());
        // bWmax 7 now needs 3 slices, not 4: 128 / 6 = 21 channels
        assertEquals(21, ArrayConfig.builder().optMaxWeightBits(7).build().outChannelsPerColumnBlock());
        // offset: (128 - 1 offset column) / 4 = 31 channels
        ArrayConfig offset = ArrayConfig.builder().optWeightEncoding(WeightEncoding.OFFSET_COLUMN).build();
        assertEquals(31, offset.outChannelsPerColumnBlock());
        ArrayTile tile = new ArrayTile("l/r0c0", 0, "l", 0, 0, 0, 0, 14, 0, 31, 3, 64);
        assertEquals(31 * 4 + 1, tile.usedColumns(offset, 8));
        assertEquals(31 * 3 + 1, tile.usedColumns(offset, 5));
    }
}
