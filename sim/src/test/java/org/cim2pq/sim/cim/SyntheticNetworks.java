package org.cim2pq.sim.cim;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.cim2pq.sim.cim.eval.SyntheticWorkload;
import org.cim2pq.sim.network.FoldedNetwork;
import org.cim2pq.sim.network.NetworkOp;

/** Small FoldedNetworks with seeded random (He-scaled) weights, and synthetic images, for tests. */
public final class SyntheticNetworks {

    private SyntheticNetworks() {}

    /**
     * A ResNet-like graph on 1 x size x size inputs: stem conv 1->16, one identity block (16), one downsampling
     * block (16->32, stride 2, 1x1 shortcut conv), global average pool, linear 32->10.
     */
    public static FoldedNetwork tinyResNet(long seed, int size) {
        Random rnd = new Random(seed);
        List<NetworkOp> ops = new ArrayList<>();
        ops.add(conv(rnd, "stem", FoldedNetwork.INPUT, "stem.out", 1, 16, 3, 1, 1));
        ops.add(new NetworkOp.Relu("stem.out", "x0"));
        ops.add(conv(rnd, "block0.conv1", "x0", "b0.c1", 16, 16, 3, 1, 1));
        ops.add(new NetworkOp.Relu("b0.c1", "b0.r1"));
        ops.add(conv(rnd, "block0.conv2", "b0.r1", "b0.c2", 16, 16, 3, 1, 1));
        ops.add(new NetworkOp.Add("b0.c2", "x0", "b0.sum"));
        ops.add(new NetworkOp.Relu("b0.sum", "x1"));
        ops.add(conv(rnd, "block1.conv1", "x1", "b1.c1", 16, 32, 3, 2, 1));
        ops.add(new NetworkOp.Relu("b1.c1", "b1.r1"));
        ops.add(conv(rnd, "block1.conv2", "b1.r1", "b1.c2", 32, 32, 3, 1, 1));
        ops.add(conv(rnd, "block1.shortcut", "x1", "b1.sc", 16, 32, 1, 2, 0));
        ops.add(new NetworkOp.Add("b1.c2", "b1.sc", "b1.sum"));
        ops.add(new NetworkOp.Relu("b1.sum", "x2"));
        ops.add(new NetworkOp.GlobalAvgPool("x2", "pool"));
        ops.add(linear(rnd, "fc", "pool", "logits", 32, 10));
        return new FoldedNetwork("tiny-resnet", new int[] {1, size, size}, ops, "logits");
    }

    /** The ResNet-8 topology with random weights (see {@link SyntheticWorkload}). */
    public static FoldedNetwork resnet8Shape(long seed) {
        return SyntheticWorkload.resnet8Topology(seed);
    }

    /** LeNet-like: conv 5x5 1->6, maxpool, conv 5x5 6->16, avgpool, flatten, linear, relu, linear (28x28 input). */
    public static FoldedNetwork lenetLike(long seed) {
        Random rnd = new Random(seed);
        List<NetworkOp> ops = new ArrayList<>();
        ops.add(conv(rnd, "conv1", FoldedNetwork.INPUT, "c1", 1, 6, 5, 1, 2));
        ops.add(new NetworkOp.Relu("c1", "r1"));
        ops.add(new NetworkOp.MaxPool("r1", "p1", 2, 2));
        ops.add(conv(rnd, "conv2", "p1", "c2", 6, 16, 5, 1, 0));
        ops.add(new NetworkOp.Relu("c2", "r2"));
        ops.add(new NetworkOp.AvgPool("r2", "p2", 2, 2));
        ops.add(new NetworkOp.Flatten("p2", "f"));
        ops.add(linear(rnd, "fc1", "f", "h", 16 * 5 * 5, 84));
        ops.add(new NetworkOp.Relu("h", "hr"));
        ops.add(linear(rnd, "fc2", "hr", "logits", 84, 10));
        return new FoldedNetwork("lenet-like", new int[] {1, 28, 28}, ops, "logits");
    }

    /** {@code count} synthetic images of {@code size}^2 pixels (see {@link SyntheticWorkload#images}). */
    public static float[] images(long seed, int count, int size) {
        return SyntheticWorkload.images(seed, count, size);
    }

    static NetworkOp.Conv conv(Random rnd, String name, String in, String out, int cin, int cout, int k, int stride,
                               int padding) {
        float[] w = new float[cout * cin * k * k];
        double std = Math.sqrt(2.0 / (cin * k * k));
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (rnd.nextGaussian() * std);
        }
        float[] b = new float[cout];
        for (int i = 0; i < cout; i++) {
            b[i] = (float) (rnd.nextGaussian() * 0.1);
        }
        return new NetworkOp.Conv(name, in, out, cin, cout, k, stride, padding, w, b);
    }

    static NetworkOp.Linear linear(Random rnd, String name, String in, String out, int cin, int cout) {
        float[] w = new float[cout * cin];
        double std = Math.sqrt(2.0 / cin);
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (rnd.nextGaussian() * std);
        }
        float[] b = new float[cout];
        for (int i = 0; i < cout; i++) {
            b[i] = (float) (rnd.nextGaussian() * 0.1);
        }
        return new NetworkOp.Linear(name, in, out, cin, cout, w, b);
    }
}
