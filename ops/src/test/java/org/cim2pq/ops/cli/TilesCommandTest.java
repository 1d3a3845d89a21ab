package org.cim2pq.ops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TilesCommandTest {

    @Test
    void printsTheTilingOfTheShippedLeNet() {
        CommandLineContractTest.Run r = CommandLineContractTest.run("tiles", "--model", "lenet5", "--array",
                "128x128", "--cell-bits", "2");
        assertEquals(0, r.exit(), r.err());
        // LeNet-5: conv1, conv2, fc1 (400x120: 4 row blocks x 8 column blocks), fc2 (6 blocks), fc3 -> 42 tiles
        assertTrue(r.out().contains("total: 5 layers, 42 tiles, 42 physical arrays"), r.out());
        assertTrue(r.out().contains("fc1/r3c7"), r.out());
    }

    @Test
    void smallerCellsMeanMoreColumnBlocks() {
        CommandLineContractTest.Run r = CommandLineContractTest.run("tiles", "--model", "lenet5", "--cell-bits", "1");
        assertEquals(0, r.exit(), r.err());
        // 1-bit cells, differential pairs of bW-1 = 7 magnitude bits: 128 / (7 slices * 2) = 9 output channels per
        // column block, so fc1 has 4 x ceil(120 / 9) = 4 x 14 tiles
        assertTrue(r.out().contains("fc1: 400x120 k=1 -> 4 row blocks x 14 column blocks = 56 tiles"), r.out());
    }

    @Test
    void badArraySizeIsAOneLineError() {
        CommandLineContractTest.Run r = CommandLineContractTest.run("tiles", "--model", "lenet5", "--array", "big");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("array size must look like 128x128"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }
}
