package org.cim2pq.sim.network;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A bias-free square convolution followed by BatchNorm: the unit that folds into one {@link NetworkOp.Conv}.
 * The activation is left to the enclosing block, since a residual block adds the shortcut before its ReLU.
 */
public final class ConvBn extends AbstractBlock implements FoldableBlock {

    /** BatchNorm epsilon of every network here (PyTorch's default); folding needs it and DJL does not expose it. */
    public static final float BN_EPSILON = 1e-5f;

    private static final byte VERSION = 1;

    private final String layerName;
    private final int filters;
    private final int kernel;
    private final int stride;
    private final int padding;
    private final Conv2d conv;
    private final BatchNorm bn;

    /**
     * @param layerName the weight layer's name relative to its parent, e.g. {@code conv1} or {@code shortcut}
     */
    public ConvBn(String layerName, int filters, int kernel, int stride, int padding) {
        super(VERSION);
        this.layerName = layerName;
        this.filters = filters;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.conv = addChildBlock("conv", Conv2d.builder()
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(padding, padding))
                .setFilters(filters)
                .optBias(false)
                .build());
        this.bn = addChildBlock("bn", BatchNorm.builder().optEpsilon(BN_EPSILON).build());
    }

    public String layerName() {
        return layerName;
    }

    public Conv2d conv() {
        return conv;
    }

    public BatchNorm bn() {
        return bn;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return bn.forward(ps, conv.forward(ps, inputs, training, params), training, params);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return conv.getOutputShapes(inputShapes);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        conv.initialize(manager, dataType, inputShapes);
        bn.initialize(manager, dataType, conv.getOutputShapes(inputShapes));
    }

    @Override
    public String appendFolded(FoldedProgram program, String prefix, String in) {
        BatchNormFolding.FoldedWeights f = BatchNormFolding.fold(conv, bn, BN_EPSILON);
        Shape w = conv.getParameters().get("weight").getShape();
        String name = prefix + layerName;
        return program.add(new NetworkOp.Conv(name, in, name, (int) w.get(1), filters, kernel, stride, padding,
                f.weights(), f.bias()));
    }
}
