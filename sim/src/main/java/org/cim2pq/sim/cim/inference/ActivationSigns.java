package org.cim2pq.sim.cim.inference;

import java.util.HashSet;
import java.util.Set;

import org.cim2pq.sim.network.FoldedNetwork;
import org.cim2pq.sim.network.NetworkOp;

/**
 * Which tensors can never be negative, decided from the program alone: a ReLU output, and pooling, flattening or
 * adding of non-negative tensors. A layer reading such a tensor gets an unsigned input quantizer (METHOD.md:
 * "unsigned after ReLU, signed otherwise"); everything else is signed, and so is the network input unless it is raw
 * pixels ({@link FoldedNetwork#nonNegativeInput()}).
 */
public final class ActivationSigns {

    private ActivationSigns() {}

    /** The names of the non-negative tensors of {@code network}. */
    public static Set<String> nonNegative(FoldedNetwork network) {
        Set<String> nonNegative = new HashSet<>();
        if (network.nonNegativeInput()) {
            nonNegative.add(FoldedNetwork.INPUT);
        }
        for (NetworkOp op : network.ops()) {
            boolean result;
            if (op instanceof NetworkOp.Relu) {
                result = true;
            } else if (op instanceof NetworkOp.Add a) {
                result = nonNegative.contains(a.left()) && nonNegative.contains(a.right());
            } else if (op instanceof NetworkOp.MaxPool p) {
                result = nonNegative.contains(p.in());
            } else if (op instanceof NetworkOp.AvgPool p) {
                result = nonNegative.contains(p.in());
            } else if (op instanceof NetworkOp.GlobalAvgPool g) {
                result = nonNegative.contains(g.in());
            } else if (op instanceof NetworkOp.Flatten f) {
                result = nonNegative.contains(f.in());
            } else {
                result = false; // weight layers: biases and signed weights make any sign possible
            }
            if (result) {
                nonNegative.add(op.out());
            }
        }
        return nonNegative;
    }
}
