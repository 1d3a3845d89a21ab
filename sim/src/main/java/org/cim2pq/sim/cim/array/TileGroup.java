package org.cim2pq.sim.cim.array;

import java.util.List;

/**
 * A contiguous run of tiles served by one simulator (METHOD.md section 1): by default the tiles of one layer, or of
 * one residual block.
 *
 * @param name group name (the layer name, or the residual block's name)
 * @param layers the weight layers whose tiles the group holds, in program order
 * @param firstTile index of the group's first tile in the network's tile order
 * @param tileCount number of tiles
 */
public record TileGroup(String name, List<String> layers, int firstTile, int tileCount) {

    public TileGroup {
        layers = List.copyOf(layers);
    }
}
