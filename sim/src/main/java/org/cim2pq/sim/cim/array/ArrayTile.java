package org.cim2pq.sim.cim.array;

/**
 * One logical tile: the block of a weight layer's im2col matrix that one crossbar array holds. Rows are a slice of
 * whole input channels ({@code inChannels * k * k} rows), columns a slice of output channels. The tile is the unit
 * of the arraywise search space: it carries its own (bIn, bW, bPs).
 *
 * @param id stable identifier {@code <layer>/r<rowBlock>c<columnBlock>}, derived only from the layer name and block
 *        indices so it survives re-tiling of other layers and reordering of runs
 * @param index position in the network's tile order (layers in program order, then row block, then column block)
 * @param layer name of the weight layer
 * @param layerIndex position of the layer among the network's weight layers
 * @param rowBlock row block index within the layer
 * @param columnBlock column block index within the layer
 * @param firstInChannel first input channel of the row block
 * @param inChannels input channels in the row block
 * @param firstOutChannel first output channel of the column block
 * @param outChannels output channels in the column block
 * @param kernel kernel size k (1 for linear layers)
 * @param mvms matrix-vector multiplications per inference: output pixels for a conv, 1 for a linear layer
 */
public record ArrayTile(String id, int index, String layer, int layerIndex, int rowBlock, int columnBlock,
                        int firstInChannel, int inChannels, int firstOutChannel, int outChannels, int kernel,
                        long mvms) {

    /** The id of tile (rowBlock, columnBlock) of {@code layer}. */
    public static String idOf(String layer, int rowBlock, int columnBlock) {
        return layer + "/r" + rowBlock + "c" + columnBlock;
    }

    /** Crossbar rows used: {@code inChannels * k * k}. */
    public int rows() {
        return inChannels * kernel * kernel;
    }

    /** Multiply-accumulates per inference this tile performs. */
    public long macs() {
        return mvms * rows() * outChannels;
    }

    /**
     * Physical columns used at {@code weightBits}: {@code outChannels * slices(bW) * d}, plus the offset column of
     * the offset encoding.
     */
    public int usedColumns(ArrayConfig config, int weightBits) {
        return outChannels * config.columnsPerOutputChannel(weightBits) + config.offsetColumns();
    }

    /**
     * Physical arrays this tile occupies. Column blocks are sized so a tile fits one array at bWmax and row blocks
     * never exceed R rows, so it is always one; lower precisions only leave columns unused.
     */
    public int physicalArrays() {
        return 1;
    }
}
