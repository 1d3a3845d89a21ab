package org.cim2pq.sim.cim.inference;

import ai.djl.ndarray.NDArray;

import org.cim2pq.sim.network.NetworkOp;

/** Computes one weight layer (pre-activation output, bias included); the rest of the program is shared. */
@FunctionalInterface
public interface LayerKernel {

    /**
     * @param layerIndex position of the layer among the network's weight layers
     * @param layer the layer
     * @param input its input, NCHW for a conv, NF for a linear layer
     */
    NDArray apply(int layerIndex, NetworkOp.WeightLayer layer, NDArray input);
}
