package org.cim2pq.sim.cim.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import org.cim2pq.sim.cim.array.LayerTiling;
import org.cim2pq.sim.cim.array.NetworkTiling;
import org.cim2pq.sim.cim.inference.ArraywiseInference;
import org.cim2pq.sim.cim.inference.NetworkProgram;
import org.cim2pq.sim.cim.inference.PartialSumClipping;
import org.cim2pq.sim.cim.quant.TilePrecisions;

/**
 * One tile group's share of the prefix activation cache: the activations of the evaluation batch after each of the
 * group's segments, in a trie keyed by the precisions of the layers so far, so a strategy whose layers up to k match
 * an earlier one restarts after layer k. The trie's entries are the activations the group was handed (keyed by the
 * precisions of all layers before the group); the first group has one entry, the evaluation batch itself.
 *
 * <p>Each node owns the tensors its segment created (its own NDManager). While the node's {@link ActivationBudget}
 * is exceeded, the share closes its least recently used leaves, never the path of the strategy just run. Used by
 * one thread at a time (its tile group's simulator).
 */
final class PrefixCache implements AutoCloseable {

    private final NetworkTiling tiling;
    private final NetworkProgram program;
    private final int fromSegment;
    private final int toSegment;
    private final ActivationBudget budget;
    private final NDManager manager;
    private final Map<List<TilePrecisions>, Node> entries = new HashMap<>();
    private final Node fixedEntry;
    private long bytes;
    private long clock;

    private static final class Node {
        final Node parent;
        final List<TilePrecisions> key;
        final Map<String, NDArray> env;
        final NDManager manager;
        final PartialSumClipping clipping;
        final long bytes;
        final Map<List<TilePrecisions>, Node> children = new HashMap<>();
        long lastUsed;

        Node(Node parent, List<TilePrecisions> key, Map<String, NDArray> env, NDManager manager,
             PartialSumClipping clipping, long bytes) {
            this.parent = parent;
            this.key = key;
            this.env = env;
            this.manager = manager;
            this.clipping = clipping;
            this.bytes = bytes;
        }
    }

    /**
     * @param input the evaluation batch when {@code fromSegment} is 0 (the one, never evicted entry), else null
     * @param manager parent of the first group's nodes (later groups' nodes descend from their entries)
     */
    PrefixCache(NetworkTiling tiling, NetworkProgram program, int fromSegment, int toSegment, NDArray input,
                ActivationBudget budget, NDManager manager) {
        this.manager = manager;
        this.tiling = tiling;
        this.program = program;
        this.fromSegment = fromSegment;
        this.toSegment = toSegment;
        this.budget = budget;
        this.fixedEntry = fromSegment == 0
                ? new Node(null, List.of(), NetworkProgram.start(input), null, null, 0) : null;
    }

    /** Result of running the group's segments: the activations after them (owned by the cache) and the counts. */
    record Run(Map<String, NDArray> env, int reused, boolean reusing, PartialSumClipping clipping) {}

    /**
     * Runs (or reuses) the group's segments for {@code in}'s strategy. Takes {@code in} over: its tensors become
     * the entry of its prefix, or are closed when the share holds that entry already.
     */
    Run run(ArraywiseInference inference, Handoff in) {
        if (in.segment != fromSegment) {
            throw new IllegalStateException("tile group starts at segment " + fromSegment + ", handed segment "
                    + in.segment);
        }
        long stamp = ++clock;
        Node node = entry(in);
        node.lastUsed = stamp;
        PartialSumClipping total = new PartialSumClipping(tiling.tiles().size());
        total.addAll(in.clipping);
        int reused = in.reused;
        boolean reusing = in.reusing;
        List<TilePrecisions> strategy = in.strategy;
        for (int s = fromSegment; s < toSegment; s++) {
            List<TilePrecisions> key = layerKey(strategy, s);
            Node child = node.children.get(key);
            if (child == null) {
                reusing = false;
                NDManager m = (node.manager != null ? node.manager : manager).newSubManager();
                PartialSumClipping clipping = new PartialSumClipping(tiling.tiles().size());
                Map<String, NDArray> env = program.runSegment(s, node.env, inference.kernel(strategy, clipping), m);
                List<NDArray> created = new ArrayList<>();
                for (NDArray a : env.values()) {
                    if (!node.env.containsValue(a)) {
                        created.add(a);
                    }
                }
                long size = Handoff.bytes(created);
                child = new Node(node, key, env, m, clipping, size);
                node.children.put(key, child);
                add(size);
            } else if (reusing) {
                reused++;
            }
            child.lastUsed = stamp;
            total.addAll(child.clipping);
            node = child;
        }
        evict(stamp);
        return new Run(node.env, reused, reusing, total);
    }

    private Node entry(Handoff in) {
        if (fixedEntry != null) {
            in.close();
            return fixedEntry;
        }
        List<TilePrecisions> key = prefixKey(in.strategy);
        Node entry = entries.get(key);
        if (entry != null) {
            in.close(); // the same activations are cached here already
            return entry;
        }
        if (!in.owned()) {
            throw new IllegalArgumentException("a tile group must be handed activations it can keep");
        }
        long size = in.bytes();
        entry = new Node(null, key, in.env, in.takeOver(), null, size);
        entries.put(key, entry);
        add(size);
        return entry;
    }

    /** The precisions of every tile before the group: what its entry's activations depend on. */
    private List<TilePrecisions> prefixKey(List<TilePrecisions> strategy) {
        if (fromSegment == 0) {
            return List.of();
        }
        LayerTiling last = tiling.layers().get(fromSegment - 1);
        int end = last.tiles().get(last.tiles().size() - 1).index() + 1;
        return List.copyOf(strategy.subList(0, end));
    }

    private List<TilePrecisions> layerKey(List<TilePrecisions> strategy, int segment) {
        LayerTiling layer = tiling.layers().get(segment);
        int first = layer.tiles().get(0).index();
        return List.copyOf(strategy.subList(first, first + layer.tiles().size()));
    }

    private void add(long size) {
        bytes += size;
        budget.add(size);
    }

    /** While the node is over budget, closes this share's least recently used leaves (never the path just run). */
    private void evict(long currentStamp) {
        while (budget.over()) {
            Node victim = null;
            List<Node> todo = new ArrayList<>(entries.values());
            if (fixedEntry != null) {
                todo.addAll(fixedEntry.children.values());
            }
            while (!todo.isEmpty()) {
                Node n = todo.remove(todo.size() - 1);
                if (n.children.isEmpty()) {
                    if (n.lastUsed < currentStamp && (victim == null || n.lastUsed < victim.lastUsed)) {
                        victim = n;
                    }
                } else {
                    todo.addAll(n.children.values());
                }
            }
            if (victim == null) {
                return;
            }
            remove(victim);
        }
    }

    private void remove(Node n) {
        if (n.parent != null) {
            n.parent.children.remove(n.key);
        } else {
            entries.remove(n.key);
        }
        n.manager.close();
        bytes -= n.bytes;
        budget.release(n.bytes);
    }

    /**
     * Evicts down to the budget without sparing the last path (its result has been handed on or scored). The next
     * {@link #run} would do so anyway; trimming now frees the memory while the stage waits.
     */
    void trim() {
        evict(clock + 1);
    }

    /** Bytes of activations this share holds. */
    long bytes() {
        return bytes;
    }

    /** Drops every cached activation. */
    void clear() {
        List<Node> all = new ArrayList<>(entries.values());
        if (fixedEntry != null) {
            all.addAll(fixedEntry.children.values());
        }
        for (Node n : all) {
            closeSubtree(n);
        }
        entries.clear();
        if (fixedEntry != null) {
            fixedEntry.children.clear();
        }
        budget.release(bytes);
        bytes = 0;
    }

    private static void closeSubtree(Node n) {
        for (Node c : n.children.values()) {
            closeSubtree(c);
        }
        n.manager.close(); // after the children: their managers are its sub-managers
    }

    @Override
    public void close() {
        clear();
    }
}
