package org.cim2pq.sim.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The basic residual block of He et al. 2016: {@code relu(bn2(conv2(relu(bn1(conv1 x)))) + shortcut(x))}, two
 * 3x3 convs. When the block changes resolution or width, the shortcut is a 1x1 conv + BN ("option B"); that makes
 * the shortcut a weight layer of its own ({@code ...shortcut}) that the CIM platform maps like any other.
 */
public final class BasicBlock extends AbstractBlock implements FoldableBlock {

    private static final byte VERSION = 1;

    private final ConvBn conv1;
    private final ConvBn conv2;
    private final ConvBn shortcut;

    /**
     * @param projection whether the shortcut is a 1x1 conv (needed when stride != 1 or the width changes)
     */
    public BasicBlock(int filters, int stride, boolean projection) {
        super(VERSION);
        conv1 = addChildBlock("conv1", new ConvBn("conv1", filters, 3, stride, 1));
        conv2 = addChildBlock("conv2", new ConvBn("conv2", filters, 3, 1, 1));
        shortcut = projection ? addChildBlock("shortcut", new ConvBn("shortcut", filters, 1, stride, 0)) : null;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray y = Activation.relu(conv1.forward(ps, inputs, training, params).singletonOrThrow());
        y = conv2.forward(ps, new NDList(y), training, params).singletonOrThrow();
        NDArray s = shortcut == null ? inputs.singletonOrThrow()
                : shortcut.forward(ps, inputs, training, params).singletonOrThrow();
        return new NDList(Activation.relu(y.add(s)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return conv2.getOutputShapes(conv1.getOutputShapes(inputShapes));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        conv1.initialize(manager, dataType, inputShapes);
        conv2.initialize(manager, dataType, conv1.getOutputShapes(inputShapes));
        if (shortcut != null) {
            shortcut.initialize(manager, dataType, inputShapes);
        }
    }

    @Override
    public String appendFolded(FoldedProgram program, String prefix, String in) {
        String y = conv1.appendFolded(program, prefix, in);
        y = program.add(new NetworkOp.Relu(y, y + ".relu"));
        y = conv2.appendFolded(program, prefix, y);
        String s = shortcut == null ? in : shortcut.appendFolded(program, prefix, in);
        String sum = program.add(new NetworkOp.Add(y, s, prefix + "add"));
        return program.add(new NetworkOp.Relu(sum, prefix + "out"));
    }
}
