package org.cim2pq.sim.cim.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.cim2pq.sim.network.FoldedNetwork;
import org.cim2pq.sim.network.NetworkOp;

/**
 * A stand-in workload for benchmarks and smoke runs before trained networks exist: the ResNet-8 topology with
 * seeded random (He-scaled) weights, and synthetic 1x28x28 images (a smooth blob plus uniform noise). Evaluation
 * time does not depend on the weights; accuracy on it means agreement with the FP network's own predictions
 * ({@link #teacherLabels}), nothing more.
 */
public final class SyntheticWorkload {

    private SyntheticWorkload() {}

    /**
     * ResNet-8 for 1x28x28: stem conv 3x3 1->16, three basic blocks (16; 32 stride 2; 64 stride 2) with 1x1
     * shortcut convs where the shape changes, global average pool, linear 64->10.
     */
    public static FoldedNetwork resnet8Topology(long seed) {
        Random rnd = new Random(seed);
        List<NetworkOp> ops = new ArrayList<>();
        ops.add(conv(rnd, "stem", FoldedNetwork.INPUT, "stem.out", 1, 16, 3, 1, 1));
        ops.add(new NetworkOp.Relu("stem.out", "s0"));
        String in = "s0";
        int cin = 16;
        int[] widths = {16, 32, 64};
        for (int b = 0; b < widths.length; b++) {
            int cout = widths[b];
            int stride = b == 0 ? 1 : 2;
            String p = "stage" + (b + 1) + ".block0";
            ops.add(conv(rnd, p + ".conv1", in, p + ".c1", cin, cout, 3, stride, 1));
            ops.add(new NetworkOp.Relu(p + ".c1", p + ".r1"));
            ops.add(conv(rnd, p + ".conv2", p + ".r1", p + ".c2", cout, cout, 3, 1, 1));
            String skip = in;
            if (stride != 1 || cin != cout) {
                ops.add(conv(rnd, p + ".shortcut", in, p + ".sc", cin, cout, 1, stride, 0));
                skip = p + ".sc";
            }
            ops.add(new NetworkOp.Add(p + ".c2", skip, p + ".sum"));
            ops.add(new NetworkOp.Relu(p + ".sum", p + ".out"));
            in = p + ".out";
            cin = cout;
        }
        ops.add(new NetworkOp.GlobalAvgPool(in, "pool"));
        ops.add(linear(rnd, "fc", "pool", "logits", 64, 10));
        return new FoldedNetwork("synthetic-resnet8", new int[] {1, 28, 28}, ops, "logits");
    }

    /** {@code count} images of size x size pixels, NCHW with C = 1, row-major. */
    public static float[] images(long seed, int count, int size) {
        Random rnd = new Random(seed);
        float[] x = new float[count * size * size];
        for (int n = 0; n < count; n++) {
            double cx = rnd.nextDouble() * size;
            double cy = rnd.nextDouble() * size;
            double radius = 2 + rnd.nextDouble() * size / 3;
            double amplitude = (1 + rnd.nextDouble()) * (rnd.nextBoolean() ? 1 : -1); // bounded: no outliers
            for (int i = 0; i < size; i++) {
                for (int j = 0; j < size; j++) {
                    double r2 = ((i - cy) * (i - cy) + (j - cx) * (j - cx)) / (radius * radius);
                    x[(n * size + i) * size + j] = (float) (amplitude * Math.exp(-r2) + 0.3 * (rnd.nextDouble() - 0.5));
                }
            }
        }
        return x;
    }

    /** The argmax of each row of {@code logits} ({@code classes} per image): labels that make FP accuracy 1. */
    public static int[] teacherLabels(float[] logits, int classes) {
        int[] labels = new int[logits.length / classes];
        for (int n = 0; n < labels.length; n++) {
            int best = 0;
            for (int k = 1; k < classes; k++) {
                best = logits[n * classes + k] > logits[n * classes + best] ? k : best;
            }
            labels[n] = best;
        }
        return labels;
    }

    static NetworkOp.Conv conv(Random rnd, String name, String in, String out, int cin, int cout, int k, int stride,
                               int padding) {
        return new NetworkOp.Conv(name, in, out, cin, cout, k, stride, padding,
                gaussian(rnd, cout * cin * k * k, Math.sqrt(2.0 / (cin * k * k))), gaussian(rnd, cout, 0.1));
    }

    static NetworkOp.Linear linear(Random rnd, String name, String in, String out, int cin, int cout) {
        return new NetworkOp.Linear(name, in, out, cin, cout, gaussian(rnd, cout * cin, Math.sqrt(2.0 / cin)),
                gaussian(rnd, cout, 0.1));
    }

    private static float[] gaussian(Random rnd, int n, double std) {
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = (float) (rnd.nextGaussian() * std);
        }
        return w;
    }
}
