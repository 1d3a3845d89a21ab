package org.cim2pq.sim.cim.inference;

import java.util.HashMap;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;

import org.cim2pq.sim.network.FoldedNetwork;
import org.cim2pq.sim.network.NetworkOp;

/**
 * Floating-point execution of a {@link FoldedNetwork} with plain DJL operators: the reference for accuracy and for
 * the evaluation-time budget. Holds the weights as NDArrays in its own manager; close it to free them.
 */
public final class FloatInference implements LayerKernel, AutoCloseable {

    private final NetworkProgram program;
    private final NDManager manager;
    private final Map<String, NDArray> weights = new HashMap<>();
    private final Map<String, NDArray> biases = new HashMap<>();

    public FloatInference(FoldedNetwork network, NDManager parent) {
        this.program = new NetworkProgram(network);
        this.manager = parent.newSubManager();
        for (NetworkOp.WeightLayer w : network.weightLayers()) {
            Shape shape = w instanceof NetworkOp.Conv
                    ? new Shape(w.outChannels(), w.inChannels(), w.kernel(), w.kernel())
                    : new Shape(w.outChannels(), w.inChannels());
            weights.put(w.name(), manager.create(w.weights(), shape));
            biases.put(w.name(), manager.create(w.bias()));
        }
    }

    public NetworkProgram program() {
        return program;
    }

    /** Logits for {@code input} (NCHW), attached to {@code input}'s manager. */
    public NDArray forward(NDArray input) {
        return program.run(input, this, input.getManager());
    }

    @Override
    public NDArray apply(int layerIndex, NetworkOp.WeightLayer layer, NDArray input) {
        if (layer instanceof NetworkOp.Conv c) {
            return Conv2d.conv2d(input, weights.get(c.name()), biases.get(c.name()), new Shape(c.stride(), c.stride()),
                    new Shape(c.padding(), c.padding()), new Shape(1, 1), 1).singletonOrThrow();
        }
        return Linear.linear(input, weights.get(layer.name()), biases.get(layer.name())).singletonOrThrow();
    }

    @Override
    public void close() {
        manager.close();
    }
}
