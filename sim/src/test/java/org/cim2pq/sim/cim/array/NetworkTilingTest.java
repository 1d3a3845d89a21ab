package org.cim2pq.sim.cim.array;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.cim2pq.sim.cim.SyntheticNetworks;
import org.cim2pq.sim.network.FoldedNetwork;
import org.cim2pq.sim.network.NetworkOp;
import org.junit.jupiter.api.Test;

class NetworkTilingTest {

    /** conv 3x3 64->64 (pad 1) on an 8x8 map, then a linear 64->10 after global pooling. */
    static FoldedNetwork convAndLinear() {
        List<NetworkOp> ops = List.of(
                new NetworkOp.Conv("conv", FoldedNetwork.INPUT, "c", 64, 64, 3, 1, 1, new float[64 * 64 * 9],
                        new float[64]),
                new NetworkOp.GlobalAvgPool("c", "g"),
                new NetworkOp.Linear("fc", "g", "logits", 64, 10, new float[640], new float[10]));
        return new FoldedNetwork("hand", new int[] {64, 8, 8}, ops, "logits");
    }

    @Test
    void conv3x3And64ChannelsOn128x128TwoBitCellsMatchesHandComputation() {
        NetworkTiling tiling = NetworkTiling.of(convAndLinear(), ArrayConfig.defaults());
        LayerTiling conv = tiling.layer("conv");
        // Row block: floor(128 / (3*3)) = 14 whole input channels (126 rows); 64 channels -> ceil(64/14) = 5 row
        // blocks of 14, 14, 14, 14, 8 channels.
        assertEquals(14, conv.inChannelsPerRowBlock());
        assertEquals(5, conv.rowBlocks());
        // Column block: floor(128 / (ceil(8/2) * 2)) = floor(128 / 8) = 16 output channels -> 64/16 = 4 blocks.
        assertEquals(16, conv.outChannelsPerColumnBlock());
        assertEquals(4, conv.columnBlocks());
        // 5 x 4 = 20 tiles, one physical array each.
        assertEquals(20, conv.tiles().size());
        assertEquals(126, conv.tile(0, 0).rows());
        assertEquals(8 * 9, conv.tile(4, 3).rows());
        assertEquals(128, conv.tile(0, 0).usedColumns(tiling.config(), 8)); // 16 ch * 4 slices * 2
        assertEquals(64, conv.tile(0, 0).mvms()); // 8x8 output pixels
        // Linear 64->10: k = 1, floor(128/1) = 128 >= 64 rows -> 1 row block; 10 <= 16 channels -> 1 column block.
        LayerTiling fc = tiling.layer("fc");
        assertEquals(1, fc.rowBlocks());
        assertEquals(1, fc.columnBlocks());
        assertEquals(64, fc.tile(0, 0).rows());
        assertEquals(1, fc.tile(0, 0).mvms());
        assertEquals(21, tiling.tiles().size());
        assertEquals(21, tiling.physicalArrays());
        // MACs: conv 64 pixels * 576 * 64 + fc 640
        assertEquals(64L * 576 * 64 + 640, tiling.macs());
    }

    @Test
    void tileIdsAreStableAndOrdered() {
        NetworkTiling tiling = NetworkTiling.of(convAndLinear(), ArrayConfig.defaults());
        assertEquals("conv/r0c0", tiling.tiles().get(0).id());
        assertEquals("conv/r0c1", tiling.tiles().get(1).id());
        assertEquals("conv/r4c3", tiling.tiles().get(19).id());
        assertEquals("fc/r0c0", tiling.tiles().get(20).id());
        for (int i = 0; i < tiling.tiles().size(); i++) {
            assertEquals(i, tiling.tiles().get(i).index());
        }
        // The same network on the same array tiles identically (a pure function).
        assertEquals(tiling, NetworkTiling.of(convAndLinear(), ArrayConfig.defaults()));
    }

    @Test
    void offsetColumnAndSmallerCellsChangeColumnBlocks() {
        ArrayConfig offset = ArrayConfig.builder().optWeightEncoding(WeightEncoding.OFFSET_COLUMN).build();
        assertEquals(31, offset.outChannelsPerColumnBlock()); // (128 - 1 offset column) / (4 * 1)
        ArrayConfig oneBit = ArrayConfig.builder().optCellBits(1).build();
        assertEquals(9, oneBit.outChannelsPerColumnBlock()); // 128 / (ceil(7 / 1) * 2)
        assertEquals(9, ArrayConfig.defaults().losslessPartialSumBits()); // ceil(log2(128*3*1 + 1)) = ceil(8.59)
        assertEquals(8, oneBit.losslessPartialSumBits()); // ceil(log2(128*1*1 + 1)) = ceil(7.01)
        assertThrows(IllegalArgumentException.class, () -> ArrayConfig.builder().optSize("12x12").build()
                .inChannelsPerRowBlock(5));
        assertEquals(64, ArrayConfig.builder().optSize("64x256").build().rows());
    }

    @Test
    void residualGroupingFindsBlocksFromTheGraph() {
        FoldedNetwork net = SyntheticNetworks.tinyResNet(1, 12);
        NetworkTiling perLayer = NetworkTiling.of(net, ArrayConfig.defaults(), TileGrouping.PER_LAYER);
        assertEquals(7, perLayer.groups().size());
        NetworkTiling perBlock = NetworkTiling.of(net, ArrayConfig.defaults(), TileGrouping.PER_RESIDUAL_BLOCK);
        List<TileGroup> groups = perBlock.groups();
        assertEquals(List.of("stem", "block0", "block1", "fc"), groups.stream().map(TileGroup::name).toList());
        assertEquals(List.of("block1.conv1", "block1.conv2", "block1.shortcut"), groups.get(2).layers());
        int covered = 0;
        for (TileGroup g : groups) {
            assertEquals(covered, g.firstTile());
            covered += g.tileCount();
        }
        assertEquals(perBlock.tiles().size(), covered);
    }

    @Test
    void tableListsEveryTileAndTotals() {
        NetworkTiling tiling = NetworkTiling.of(SyntheticNetworks.lenetLike(1), ArrayConfig.defaults());
        String table = tiling.table();
        for (ArrayTile t : tiling.tiles()) {
            assertTrue(table.contains(t.id()), t.id());
        }
        assertTrue(table.contains("total: 4 layers, " + tiling.tiles().size() + " tiles"), table);
    }
}
