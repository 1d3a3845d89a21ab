package org.cim2pq.sim.network;

import java.util.List;
import java.util.Objects;

/**
 * A trained network after BatchNorm folding, as a plain dataflow program: an ordered list of {@link NetworkOp}s
 * over named tensors. It is what the CIM platform maps onto arrays (every {@link NetworkOp.Conv} and
 * {@link NetworkOp.Linear} becomes tiles) and what arraywise quantized inference executes.
 *
 * <p>The input tensor is named {@link #INPUT} (NCHW, float, already normalised); the last op writes
 * {@link #output()}, the logits. Ops appear in an order where every tensor is written before it is read.
 *
 * @param name the model's name, e.g. {@code resnet8}
 * @param inputShape C, H, W of one input image
 * @param ops the program
 * @param output the name of the logits tensor
 * @param nonNegativeInput whether the input is never negative (raw pixels after {@link InputNormalizationFold}), so
 *        the first layer's DAC takes unsigned codes; false for a normalised, signed input
 */
public record FoldedNetwork(String name, int[] inputShape, List<NetworkOp> ops, String output,
                            boolean nonNegativeInput) {

    public static final String INPUT = "input";

    public FoldedNetwork {
        Objects.requireNonNull(name, "name");
        inputShape = inputShape.clone();
        ops = List.copyOf(ops);
        Objects.requireNonNull(output, "output");
    }

    /** A network on a normalised (signed) input. */
    public FoldedNetwork(String name, int[] inputShape, List<NetworkOp> ops, String output) {
        this(name, inputShape, ops, output, false);
    }

    @Override
    public int[] inputShape() {
        return inputShape.clone();
    }

    /** The ops that hold weights, in program order: the layers that are cut into CIM arrays. */
    public List<NetworkOp.WeightLayer> weightLayers() {
        return ops.stream().filter(NetworkOp.WeightLayer.class::isInstance).map(NetworkOp.WeightLayer.class::cast)
                .toList();
    }
}
