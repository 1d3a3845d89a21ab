package org.cim2pq.sim.network;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects the ops of a {@link FoldedNetwork} while a {@link FoldableBlock} writes itself out, and checks the two
 * invariants FoldedNetwork promises its readers: every tensor is written once before it is read, and weight-layer
 * names are unique (tile ids derive from them).
 */
public final class FoldedProgram {

    private final List<NetworkOp> ops = new ArrayList<>();
    private final Set<String> written = new HashSet<>(Set.of(FoldedNetwork.INPUT));
    private final Set<String> layerNames = new HashSet<>();

    /** Appends {@code op} and returns the name of the tensor it writes. */
    public String add(NetworkOp op) {
        for (String in : op.inputs()) {
            if (!written.contains(in)) {
                throw new IllegalStateException("op " + op.getClass().getSimpleName() + " reads " + in
                        + " before it is written");
            }
        }
        if (!written.add(op.out())) {
            throw new IllegalStateException("tensor " + op.out() + " is written twice");
        }
        if (op instanceof NetworkOp.WeightLayer layer && !layerNames.add(layer.name())) {
            throw new IllegalStateException("weight layer name " + layer.name() + " is not unique");
        }
        ops.add(op);
        return op.out();
    }

    /** The finished program. */
    public FoldedNetwork toNetwork(String name, int[] inputShape, String output) {
        if (!written.contains(output)) {
            throw new IllegalStateException("output " + output + " is never written");
        }
        return new FoldedNetwork(name, inputShape, ops, output);
    }
}
