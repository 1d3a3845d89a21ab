package org.cim2pq.sim.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;

import java.util.HashMap;
import java.util.Map;

/**
 * Test oracle: runs a {@link FoldedNetwork} with plain NDArray operators (conv2d, relu, pooling, matMul), knowing
 * nothing of the DJL blocks it was exported from. If its logits match the block's eval-mode forward, the export
 * (folding, names, wiring of residual adds) is right.
 */
public final class FoldedNetworkOracle {

    private FoldedNetworkOracle() {
    }

    public static float[] logits(FoldedNetwork net, NDManager manager, float[] input, int n) {
        int[] chw = net.inputShape();
        Map<String, NDArray> t = new HashMap<>();
        t.put(FoldedNetwork.INPUT, manager.create(input, new Shape(n, chw[0], chw[1], chw[2])));
        for (NetworkOp op : net.ops()) {
            NDArray out;
            if (op instanceof NetworkOp.Conv c) {
                NDArray w = manager.create(c.weights(), new Shape(c.outChannels(), c.inChannels(), c.kernel(),
                        c.kernel()));
                NDArray b = manager.create(c.bias());
                out = Conv2d.conv2d(t.get(c.in()), w, b, new Shape(c.stride(), c.stride()),
                        new Shape(c.padding(), c.padding())).singletonOrThrow();
            } else if (op instanceof NetworkOp.Linear l) {
                NDArray w = manager.create(l.weights(), new Shape(l.outChannels(), l.inChannels()));
                out = t.get(l.in()).matMul(w.transpose()).add(manager.create(l.bias()));
            } else if (op instanceof NetworkOp.Relu r) {
                out = Activation.relu(t.get(r.in()));
            } else if (op instanceof NetworkOp.Add a) {
                out = t.get(a.left()).add(t.get(a.right()));
            } else if (op instanceof NetworkOp.MaxPool m) {
                out = Pool.maxPool2d(t.get(m.in()), new Shape(m.kernel(), m.kernel()),
                        new Shape(m.stride(), m.stride()), new Shape(0, 0), false);
            } else if (op instanceof NetworkOp.AvgPool a) {
                out = Pool.avgPool2d(t.get(a.in()), new Shape(a.kernel(), a.kernel()),
                        new Shape(a.stride(), a.stride()), new Shape(0, 0), false, true);
            } else if (op instanceof NetworkOp.GlobalAvgPool g) {
                NDArray x = t.get(g.in());
                out = x.mean(new int[] {3}).mean(new int[] {2});
            } else if (op instanceof NetworkOp.Flatten f) {
                NDArray x = t.get(f.in());
                out = x.reshape(x.getShape().get(0), -1);
            } else {
                throw new IllegalArgumentException("unknown op " + op);
            }
            t.put(op.out(), out);
        }
        return t.get(net.output()).toFloatArray();
    }
}
