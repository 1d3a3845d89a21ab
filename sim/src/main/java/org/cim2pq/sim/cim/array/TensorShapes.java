package org.cim2pq.sim.cim.array;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.cim2pq.sim.network.FoldedNetwork;
import org.cim2pq.sim.network.NetworkOp;

/**
 * Per-image tensor shapes of a {@link FoldedNetwork} ({@code [C, H, W]} for maps, {@code [F]} for vectors), inferred
 * from the input shape. The tiling needs each conv's output size to count MVMs per inference.
 */
public final class TensorShapes {

    private final Map<String, int[]> shapes;

    private TensorShapes(Map<String, int[]> shapes) {
        this.shapes = shapes;
    }

    /** Infers every tensor's shape; fails on a shape mismatch with the op that caused it. */
    public static TensorShapes of(FoldedNetwork network) {
        Map<String, int[]> shapes = new HashMap<>();
        shapes.put(FoldedNetwork.INPUT, network.inputShape());
        for (NetworkOp op : network.ops()) {
            shapes.put(op.out(), outShape(op, shapes));
        }
        return new TensorShapes(shapes);
    }

    /** The shape of {@code tensor} for one image. */
    public int[] shape(String tensor) {
        int[] s = shapes.get(tensor);
        if (s == null) {
            throw new IllegalArgumentException("unknown tensor '" + tensor + "'");
        }
        return s.clone();
    }

    private static int[] outShape(NetworkOp op, Map<String, int[]> shapes) {
        if (op instanceof NetworkOp.Conv c) {
            int[] in = need(shapes, c.in(), 3, op);
            check(in[0] == c.inChannels(), op, "input has " + in[0] + " channels, layer expects " + c.inChannels());
            return new int[] {c.outChannels(), (in[1] + 2 * c.padding() - c.kernel()) / c.stride() + 1,
                (in[2] + 2 * c.padding() - c.kernel()) / c.stride() + 1};
        } else if (op instanceof NetworkOp.Linear l) {
            int[] in = need(shapes, l.in(), 1, op);
            check(in[0] == l.inChannels(), op, "input has " + in[0] + " features, layer expects " + l.inChannels());
            return new int[] {l.outChannels()};
        } else if (op instanceof NetworkOp.Relu r) {
            return shapes.get(r.in()).clone();
        } else if (op instanceof NetworkOp.Add a) {
            int[] left = shapes.get(a.left());
            int[] right = shapes.get(a.right());
            check(left != null && right != null && Arrays.equals(left, right), op, "operand shapes differ");
            return left.clone();
        } else if (op instanceof NetworkOp.MaxPool p) {
            return pooled(need(shapes, p.in(), 3, op), p.kernel(), p.stride());
        } else if (op instanceof NetworkOp.AvgPool p) {
            return pooled(need(shapes, p.in(), 3, op), p.kernel(), p.stride());
        } else if (op instanceof NetworkOp.GlobalAvgPool g) {
            return new int[] {need(shapes, g.in(), 3, op)[0]};
        } else if (op instanceof NetworkOp.Flatten f) {
            int[] in = shapes.get(f.in());
            return new int[] {Arrays.stream(in).reduce(1, (x, y) -> x * y)};
        }
        throw new IllegalArgumentException("unsupported op " + op);
    }

    private static int[] pooled(int[] in, int kernel, int stride) {
        return new int[] {in[0], (in[1] - kernel) / stride + 1, (in[2] - kernel) / stride + 1};
    }

    private static int[] need(Map<String, int[]> shapes, String tensor, int rank, NetworkOp op) {
        int[] s = shapes.get(tensor);
        check(s != null, op, "reads '" + tensor + "' before it is written");
        check(s.length == rank, op, "expects a rank-" + rank + " input, got " + Arrays.toString(s));
        return s;
    }

    private static void check(boolean ok, NetworkOp op, String message) {
        if (!ok) {
            throw new IllegalArgumentException(op.getClass().getSimpleName() + " -> " + op.out() + ": " + message);
        }
    }
}
