package org.cim2pq.sim.cim.array;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cim2pq.sim.network.FoldedNetwork;
import org.cim2pq.sim.network.NetworkOp;

/** How tiles are grouped for the simulators (METHOD.md section 1). */
public enum TileGrouping {
    /** One group per weight layer (METHOD.md default). */
    PER_LAYER,
    /**
     * One group per residual block: the weight layers between the block's input (the last tensor both branches of
     * an {@link NetworkOp.Add} derive from) and the Add, found from the dataflow graph, not from layer names. Layers
     * outside any block (stem, classifier) keep a group of their own.
     */
    PER_RESIDUAL_BLOCK;

    /** Groups the layers' tiles; the result covers every tile once, in tile order. */
    List<TileGroup> group(FoldedNetwork network, List<LayerTiling> layers) {
        Map<String, Integer> blockOf = this == PER_RESIDUAL_BLOCK ? residualBlocks(network) : Map.of();
        List<TileGroup> groups = new ArrayList<>();
        int first = 0;
        int i = 0;
        while (i < layers.size()) {
            Integer block = blockOf.get(layers.get(i).layer());
            int j = i + 1;
            while (block != null && j < layers.size() && block.equals(blockOf.get(layers.get(j).layer()))) {
                j++;
            }
            List<String> names = new ArrayList<>();
            int count = 0;
            for (int k = i; k < j; k++) {
                names.add(layers.get(k).layer());
                count += layers.get(k).tiles().size();
            }
            String name = j - i == 1 ? names.get(0) : commonPrefix(names, block);
            groups.add(new TileGroup(name, names, first, count));
            first += count;
            i = j;
        }
        return groups;
    }

    /** Layer name -> residual block number, for the layers inside some residual block. */
    private static Map<String, Integer> residualBlocks(FoldedNetwork network) {
        List<NetworkOp> ops = network.ops();
        Map<String, Integer> producer = new HashMap<>();
        for (int i = 0; i < ops.size(); i++) {
            producer.put(ops.get(i).out(), i);
        }
        Map<String, Integer> blockOf = new LinkedHashMap<>();
        int block = 0;
        for (int a = 0; a < ops.size(); a++) {
            if (!(ops.get(a) instanceof NetworkOp.Add add)) {
                continue;
            }
            Set<String> left = ancestors(add.left(), ops, producer);
            Set<String> right = ancestors(add.right(), ops, producer);
            int blockStart = -1; // producer index of the block input; -1 is the network input
            for (String t : left) {
                if (right.contains(t)) {
                    blockStart = Math.max(blockStart, producer.getOrDefault(t, -1));
                }
            }
            Set<String> inBlock = new HashSet<>(left);
            inBlock.addAll(right);
            for (int i = blockStart + 1; i < a; i++) {
                if (ops.get(i) instanceof NetworkOp.WeightLayer w && inBlock.contains(w.out())) {
                    blockOf.putIfAbsent(w.name(), block);
                }
            }
            block++;
        }
        return blockOf;
    }

    /** {@code tensor} and every tensor it is computed from. */
    private static Set<String> ancestors(String tensor, List<NetworkOp> ops, Map<String, Integer> producer) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        todo.push(tensor);
        while (!todo.isEmpty()) {
            String t = todo.pop();
            if (!seen.add(t) || !producer.containsKey(t)) {
                continue;
            }
            NetworkOp op = ops.get(producer.get(t));
            for (String in : op.inputs()) {
                todo.push(in);
            }
        }
        return seen;
    }

    private static String commonPrefix(List<String> names, Integer block) {
        String prefix = names.get(0);
        for (String n : names) {
            int k = 0;
            while (k < prefix.length() && k < n.length() && prefix.charAt(k) == n.charAt(k)) {
                k++;
            }
            prefix = prefix.substring(0, k);
        }
        int dot = prefix.lastIndexOf('.');
        return dot > 0 ? prefix.substring(0, dot) : "block" + block;
    }
}
