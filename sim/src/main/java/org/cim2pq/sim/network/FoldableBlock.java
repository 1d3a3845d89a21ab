package org.cim2pq.sim.network;

import ai.djl.nn.Block;

/**
 * A DJL block that can write itself, BatchNorm folded, into a {@link FoldedProgram}. Implemented by the layer
 * groups of this package (conv+BN, residual blocks) and by the whole networks, so the export follows the same
 * structure as the forward pass and the weight-layer names are the block paths ({@code stage1.block0.conv1}).
 */
public interface FoldableBlock extends Block {

    /**
     * Appends the ops of this block.
     *
     * @param program where the ops go
     * @param prefix name prefix of this block's weight layers, e.g. {@code "stage1.block0."} ({@code ""} at the top)
     * @param in name of the input tensor
     * @return name of the tensor this block's output is written to
     */
    String appendFolded(FoldedProgram program, String prefix, String in);
}
