package org.cim2pq.sim.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.util.ArrayList;
import java.util.List;

/**
 * A ResNet for small images (28x28 / 32x32): a 3x3 stem conv + BN + ReLU (no max pool), stages of
 * {@link BasicBlock}s (the first block of every stage after the first halves the resolution), global average
 * pooling and a linear classifier.
 *
 * <ul>
 *   <li>ResNet-8 / ResNet-20: He et al. 2016, section 4.2 (CIFAR): 3 stages of 16/32/64 channels, n = 1 / 3
 *       blocks per stage, depth 6n + 2.</li>
 *   <li>ResNet-18: 4 stages of 64/128/256/512, 2 blocks each, with the ImageNet stem (7x7/2 + max pool) replaced by
 *       a 3x3/1 conv, as is usual for CIFAR-size inputs.</li>
 * </ul>
 * Weight layers: {@code conv1}, {@code stage<s>.block<b>.conv1|conv2|shortcut} (s from 1, b from 0), {@code fc}.
 */
public final class ResNet extends AbstractBlock implements FoldableBlock {

    private static final byte VERSION = 1;

    private final ConvBn stem;
    private final List<BasicBlock> blocks = new ArrayList<>();
    private final List<String> blockPrefixes = new ArrayList<>();
    private final Linear fc;

    /**
     * @param stemWidth channels of the stem conv
     * @param widths channels of each stage
     * @param blocksPerStage residual blocks in each stage
     * @param classes classifier outputs
     */
    public ResNet(int stemWidth, int[] widths, int[] blocksPerStage, int classes) {
        super(VERSION);
        if (widths.length != blocksPerStage.length || widths.length == 0) {
            throw new IllegalArgumentException("one block count per stage width");
        }
        stem = addChildBlock("conv1", new ConvBn("conv1", stemWidth, 3, 1, 1));
        int channels = stemWidth;
        for (int s = 0; s < widths.length; s++) {
            for (int b = 0; b < blocksPerStage[s]; b++) {
                int stride = s > 0 && b == 0 ? 2 : 1;
                boolean projection = stride != 1 || channels != widths[s];
                String prefix = "stage" + (s + 1) + ".block" + b;
                blocks.add(addChildBlock(prefix, new BasicBlock(widths[s], stride, projection)));
                blockPrefixes.add(prefix + ".");
                channels = widths[s];
            }
        }
        fc = addChildBlock("fc", Linear.builder().setUnits(classes).build());
    }

    /** ResNet-8 (CIFAR variant, 1 block per stage). */
    public static ResNet resnet8(int classes) {
        return new ResNet(16, new int[] {16, 32, 64}, new int[] {1, 1, 1}, classes);
    }

    /** ResNet-20 (CIFAR variant, 3 blocks per stage). */
    public static ResNet resnet20(int classes) {
        return new ResNet(16, new int[] {16, 32, 64}, new int[] {3, 3, 3}, classes);
    }

    /** ResNet-18 with a 3x3 stem and no max pool. */
    public static ResNet resnet18(int classes) {
        return new ResNet(64, new int[] {64, 128, 256, 512}, new int[] {2, 2, 2, 2}, classes);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDList x = new NDList(Activation.relu(stem.forward(ps, inputs, training, params).singletonOrThrow()));
        for (BasicBlock block : blocks) {
            x = block.forward(ps, x, training, params);
        }
        // Global average pool as one mean over a flattened map: PyTorch's DJL engine reduces one axis at a time.
        NDArray map = x.singletonOrThrow();
        NDArray pooled = map.reshape(map.getShape().get(0), map.getShape().get(1), -1).mean(new int[] {2});
        return fc.forward(ps, new NDList(pooled), training, params);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return fc.getOutputShapes(new Shape[] {pooledShape(inputShapes)});
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        stem.initialize(manager, dataType, inputShapes);
        Shape[] s = stem.getOutputShapes(inputShapes);
        for (BasicBlock block : blocks) {
            block.initialize(manager, dataType, s);
            s = block.getOutputShapes(s);
        }
        fc.initialize(manager, dataType, new Shape(s[0].get(0), s[0].get(1)));
    }

    private Shape pooledShape(Shape[] inputShapes) {
        Shape[] s = stem.getOutputShapes(inputShapes);
        for (BasicBlock block : blocks) {
            s = block.getOutputShapes(s);
        }
        return new Shape(s[0].get(0), s[0].get(1));
    }

    @Override
    public String appendFolded(FoldedProgram program, String prefix, String in) {
        String x = stem.appendFolded(program, prefix, in);
        x = program.add(new NetworkOp.Relu(x, x + ".relu"));
        for (int i = 0; i < blocks.size(); i++) {
            x = blocks.get(i).appendFolded(program, prefix + blockPrefixes.get(i), x);
        }
        x = program.add(new NetworkOp.GlobalAvgPool(x, prefix + "pool"));
        return DenseLayer.append(program, prefix + "fc", fc, x);
    }
}
