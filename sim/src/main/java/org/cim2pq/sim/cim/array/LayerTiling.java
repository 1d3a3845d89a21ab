package org.cim2pq.sim.cim.array;

import java.util.List;

/**
 * How one weight layer is cut into tiles.
 *
 * @param layer layer name
 * @param layerIndex position among the network's weight layers
 * @param linear true for a fully connected layer
 * @param inChannels Cin
 * @param outChannels Cout
 * @param kernel k
 * @param outHeight output map height (1 for linear)
 * @param outWidth output map width (1 for linear)
 * @param inChannelsPerRowBlock {@code floor(R / (k*k))}
 * @param outChannelsPerColumnBlock {@code floor(C / (ceil(bWmax / cellBits) * d))}
 * @param rowBlocks number of row blocks
 * @param columnBlocks number of column blocks
 * @param tiles the tiles, row block major, column block minor
 */
public record LayerTiling(String layer, int layerIndex, boolean linear, int inChannels, int outChannels, int kernel,
                          int outHeight, int outWidth, int inChannelsPerRowBlock, int outChannelsPerColumnBlock,
                          int rowBlocks, int columnBlocks, List<ArrayTile> tiles) {

    public LayerTiling {
        tiles = List.copyOf(tiles);
    }

    /** MVMs per inference (output pixels; 1 for linear). */
    public long mvms() {
        return (long) outHeight * outWidth;
    }

    /** Multiply-accumulates per inference. */
    public long macs() {
        return mvms() * inChannels * kernel * kernel * outChannels;
    }

    /** The tile at (rowBlock, columnBlock). */
    public ArrayTile tile(int rowBlock, int columnBlock) {
        return tiles.get(rowBlock * columnBlocks + columnBlock);
    }
}
