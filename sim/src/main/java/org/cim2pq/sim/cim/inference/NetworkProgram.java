package org.cim2pq.sim.cim.inference;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.pooling.Pool;

import org.cim2pq.sim.network.FoldedNetwork;
import org.cim2pq.sim.network.NetworkOp;

/**
 * Runs a {@link FoldedNetwork} segment by segment. Segment {@code i} holds weight layer {@code i} and the
 * parameter-free ops after it up to the next weight layer (segment 0 also holds any ops before the first layer), so
 * the state between segments depends only on the precisions of the layers up to there: the unit of prefix reuse.
 *
 * <p>Tensors are dropped from the environment after their last use; the ones a segment created and dropped are
 * closed at once, so a forward pass holds only live activations.
 */
public final class NetworkProgram {

    private final FoldedNetwork network;
    private final List<NetworkOp> ops;
    private final int[] segmentStart;
    private final int[] segmentEnd;
    private final Map<String, Integer> lastUse = new HashMap<>();

    public NetworkProgram(FoldedNetwork network) {
        this.network = network;
        this.ops = network.ops();
        List<Integer> layerOps = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            if (ops.get(i) instanceof NetworkOp.WeightLayer) {
                layerOps.add(i);
            }
            for (String in : ops.get(i).inputs()) {
                lastUse.put(in, i);
            }
        }
        lastUse.put(network.output(), Integer.MAX_VALUE);
        int n = layerOps.size();
        segmentStart = new int[n];
        segmentEnd = new int[n];
        for (int s = 0; s < n; s++) {
            segmentStart[s] = s == 0 ? 0 : layerOps.get(s);
            segmentEnd[s] = s == n - 1 ? ops.size() : layerOps.get(s + 1);
        }
    }

    public FoldedNetwork network() {
        return network;
    }

    /** Number of segments (= weight layers). */
    public int segments() {
        return segmentStart.length;
    }

    /** The initial environment: the input batch under {@link FoldedNetwork#INPUT}. */
    public static Map<String, NDArray> start(NDArray input) {
        Map<String, NDArray> env = new LinkedHashMap<>();
        env.put(FoldedNetwork.INPUT, input);
        return env;
    }

    /**
     * Runs segment {@code segment} on {@code env} (not modified) and returns the environment after it. Tensors the
     * segment creates are attached to {@code target}; those it creates and no later op reads are closed.
     */
    public Map<String, NDArray> runSegment(int segment, Map<String, NDArray> env, LayerKernel kernel,
                                           NDManager target) {
        Map<String, NDArray> next = new LinkedHashMap<>(env);
        Set<NDArray> created = new HashSet<>();
        int end = segmentEnd[segment];
        for (int i = segmentStart[segment]; i < end; i++) {
            NetworkOp op = ops.get(i);
            NDArray out;
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                out = apply(op, next, kernel, segment);
                NDScope.unregister(out);
            }
            out.attach(target);
            next.put(op.out(), out);
            created.add(out);
            for (String in : op.inputs()) {
                if (lastUse.get(in) == i) {
                    NDArray dead = next.remove(in);
                    if (created.remove(dead) && !next.containsValue(dead)) {
                        dead.close();
                    }
                }
            }
        }
        return next;
    }

    /**
     * Runs the whole program and returns the logits, attached to {@code target}. Activations are closed as soon as
     * they are dead (the input is left to its owner).
     */
    public NDArray run(NDArray input, LayerKernel kernel, NDManager target) {
        Map<String, NDArray> env = start(input);
        for (int s = 0; s < segments(); s++) {
            Map<String, NDArray> next = runSegment(s, env, kernel, target);
            for (NDArray old : env.values()) {
                if (old != input && !next.containsValue(old)) {
                    old.close();
                }
            }
            env = next;
        }
        return env.get(network.output());
    }

    private static NDArray apply(NetworkOp op, Map<String, NDArray> env, LayerKernel kernel, int segment) {
        if (op instanceof NetworkOp.WeightLayer w) {
            return kernel.apply(segment, w, env.get(w.in()));
        } else if (op instanceof NetworkOp.Relu r) {
            return Activation.relu(env.get(r.in()));
        } else if (op instanceof NetworkOp.Add a) {
            return env.get(a.left()).add(env.get(a.right()));
        } else if (op instanceof NetworkOp.MaxPool p) {
            return Pool.maxPool2d(env.get(p.in()), new Shape(p.kernel(), p.kernel()),
                    new Shape(p.stride(), p.stride()), new Shape(0, 0), false);
        } else if (op instanceof NetworkOp.AvgPool p) {
            return Pool.avgPool2d(env.get(p.in()), new Shape(p.kernel(), p.kernel()),
                    new Shape(p.stride(), p.stride()), new Shape(0, 0), false, true);
        } else if (op instanceof NetworkOp.GlobalAvgPool g) {
            NDArray x = env.get(g.in());
            return Pool.globalAvgPool2d(x).reshape(x.getShape().get(0), x.getShape().get(1));
        } else if (op instanceof NetworkOp.Flatten f) {
            NDArray x = env.get(f.in());
            return x.reshape(x.getShape().get(0), -1);
        }
        throw new IllegalArgumentException("unsupported op " + op);
    }
}
