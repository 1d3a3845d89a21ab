package org.cim2pq.sim.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * LeNet-5 (LeCun et al. 1998) in its common modern form: conv 6@5x5 (padding 2) - ReLU - maxpool 2 - conv 16@5x5 -
 * ReLU - maxpool 2 - fc 120 - ReLU - fc 84 - ReLU - fc classes. On 1x28x28 the second pool gives 16x5x5 = 400
 * features, as in the original on 32x32.
 *
 * <p>Departure from 1998, chosen here: each conv is followed by BatchNorm (folded away before mapping, so the
 * CIM arrays see the same two conv layers) and uses ReLU / max pooling instead of tanh / subsampling. It trains
 * to the target accuracy in a few epochs and exercises BN folding like the ResNets.
 *
 * <p>Weight layers: {@code conv1}, {@code conv2}, {@code fc1}, {@code fc2}, {@code fc3}.
 */
public final class LeNet5 extends AbstractBlock implements FoldableBlock {

    private static final byte VERSION = 1;

    private final ConvBn conv1;
    private final ConvBn conv2;
    private final Linear fc1;
    private final Linear fc2;
    private final Linear fc3;

    public LeNet5(int classes) {
        super(VERSION);
        conv1 = addChildBlock("conv1", new ConvBn("conv1", 6, 5, 1, 2));
        conv2 = addChildBlock("conv2", new ConvBn("conv2", 16, 5, 1, 0));
        fc1 = addChildBlock("fc1", Linear.builder().setUnits(120).build());
        fc2 = addChildBlock("fc2", Linear.builder().setUnits(84).build());
        fc3 = addChildBlock("fc3", Linear.builder().setUnits(classes).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = conv1.forward(ps, inputs, training, params).singletonOrThrow();
        x = Pool.maxPool2d(Activation.relu(x), new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
        x = conv2.forward(ps, new NDList(x), training, params).singletonOrThrow();
        x = Pool.maxPool2d(Activation.relu(x), new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
        x = x.reshape(x.getShape().get(0), -1);
        x = Activation.relu(fc1.forward(ps, new NDList(x), training, params).singletonOrThrow());
        x = Activation.relu(fc2.forward(ps, new NDList(x), training, params).singletonOrThrow());
        return fc3.forward(ps, new NDList(x), training, params);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return fc3.getOutputShapes(fc2.getOutputShapes(fc1.getOutputShapes(new Shape[] {flatShape(inputShapes[0])})));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        conv1.initialize(manager, dataType, in);
        Shape c1 = pooled(conv1.getOutputShapes(new Shape[] {in})[0]);
        conv2.initialize(manager, dataType, c1);
        Shape flat = flatShape(in);
        fc1.initialize(manager, dataType, flat);
        Shape f1 = fc1.getOutputShapes(new Shape[] {flat})[0];
        fc2.initialize(manager, dataType, f1);
        fc3.initialize(manager, dataType, fc2.getOutputShapes(new Shape[] {f1})[0]);
    }

    private Shape flatShape(Shape in) {
        Shape c1 = pooled(conv1.getOutputShapes(new Shape[] {in})[0]);
        Shape c2 = pooled(conv2.getOutputShapes(new Shape[] {c1})[0]);
        return new Shape(in.get(0), c2.get(1) * c2.get(2) * c2.get(3));
    }

    private static Shape pooled(Shape s) {
        return new Shape(s.get(0), s.get(1), s.get(2) / 2, s.get(3) / 2);
    }

    @Override
    public String appendFolded(FoldedProgram program, String prefix, String in) {
        String x = conv1.appendFolded(program, prefix, in);
        x = program.add(new NetworkOp.Relu(x, x + ".relu"));
        x = program.add(new NetworkOp.MaxPool(x, prefix + "pool1", 2, 2));
        x = conv2.appendFolded(program, prefix, x);
        x = program.add(new NetworkOp.Relu(x, x + ".relu"));
        x = program.add(new NetworkOp.MaxPool(x, prefix + "pool2", 2, 2));
        x = program.add(new NetworkOp.Flatten(x, prefix + "flatten"));
        x = DenseLayer.append(program, prefix + "fc1", fc1, x);
        x = program.add(new NetworkOp.Relu(x, x + ".relu"));
        x = DenseLayer.append(program, prefix + "fc2", fc2, x);
        x = program.add(new NetworkOp.Relu(x, x + ".relu"));
        return DenseLayer.append(program, prefix + "fc3", fc3, x);
    }
}
