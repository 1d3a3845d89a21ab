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
 * Activations of the evaluation batch after each layer, in a trie keyed by the precisions of the layers so far:
 * a strategy whose first k layers match an earlier one restarts from layer k. Each trie node owns the tensors its
 * segment created (its own NDManager); when the cache holds more than its byte budget, least recently used leaves
 * are closed (a leaf's tensors are referenced by no other node). Not thread-safe.
 */
final class PrefixCache implements AutoCloseable {

    private final NetworkTiling tiling;
    private final NetworkProgram program;
    private final NDManager manager;
    private final long budgetBytes;
    private final Node root;
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

    /** Result of running a strategy: logits (owned by the cache), layers reused, clipping counts. */
    record Run(NDArray logits, int reusedLayers, PartialSumClipping clipping) {}

    PrefixCache(NetworkTiling tiling, NetworkProgram program, NDArray input, NDManager parent, long budgetBytes) {
        this.tiling = tiling;
        this.program = program;
        this.manager = parent.newSubManager();
        this.budgetBytes = budgetBytes;
        this.root = new Node(null, List.of(), NetworkProgram.start(input), manager, null, 0);
    }

    Run run(ArraywiseInference inference, List<TilePrecisions> strategy) {
        Cursor cursor = begin(inference, strategy);
        advance(cursor, program.segments());
        return finish(cursor);
    }

    /**
     * One strategy's walk down the trie, advanced segment by segment, so that consecutive tile groups (the
     * simulators of a pipeline) can each run their own layers. Nodes on the walk are stamped as used, so no
     * other evaluation evicts them before {@link #finish}.
     */
    final class Cursor {
        private final ArraywiseInference inference;
        private final List<TilePrecisions> strategy;
        private final long stamp;
        private final PartialSumClipping total;
        private Node node;
        private int segment;
        private int reused;
        private boolean reusing = true;

        private Cursor(ArraywiseInference inference, List<TilePrecisions> strategy) {
            this.inference = inference;
            this.strategy = strategy;
            this.stamp = ++clock;
            this.total = new PartialSumClipping(tiling.tiles().size());
            this.node = root;
            root.lastUsed = stamp;
        }

        int segment() {
            return segment;
        }
    }

    /** Walks begun and not yet finished: their nodes must survive evictions by other walks. */
    private final java.util.Set<Cursor> open =
            java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    Cursor begin(ArraywiseInference inference, List<TilePrecisions> strategy) {
        Cursor c = new Cursor(inference, strategy);
        open.add(c);
        return c;
    }

    /** Runs (or reuses) segments up to, excluding, {@code toSegment}. */
    void advance(Cursor c, int toSegment) {
        for (; c.segment < toSegment; c.segment++) {
            int s = c.segment;
            LayerTiling layer = tiling.layers().get(s);
            int first = layer.tiles().get(0).index();
            List<TilePrecisions> key = List.copyOf(c.strategy.subList(first, first + layer.tiles().size()));
            Node child = c.node.children.get(key);
            if (child == null) {
                c.reusing = false;
                NDManager m = manager.newSubManager();
                PartialSumClipping clipping = new PartialSumClipping(tiling.tiles().size());
                Map<String, NDArray> env = program.runSegment(s, c.node.env, c.inference.kernel(c.strategy, clipping), m);
                long size = 0;
                for (NDArray a : env.values()) {
                    if (!c.node.env.containsValue(a)) {
                        size += a.getShape().size() * a.getDataType().getNumOfBytes();
                    }
                }
                child = new Node(c.node, key, env, m, clipping, size);
                c.node.children.put(key, child);
                bytes += size;
            } else if (c.reusing) {
                c.reused++;
            }
            child.lastUsed = c.stamp;
            c.total.addAll(child.clipping);
            c.node = child;
        }
    }

    /** The finished walk's result; then trims the cache to its budget. */
    Run finish(Cursor c) {
        if (c.segment != program.segments()) {
            throw new IllegalStateException("evaluation stopped at segment " + c.segment + " of " + program.segments());
        }
        NDArray logits = c.node.env.get(program.network().output());
        open.remove(c);
        evict(c.stamp);
        return new Run(logits, c.reused, c.total);
    }

    /** Closes least recently used leaves (never the path just used) until the cache fits its budget. */
    /** Whether an unfinished walk stands on {@code n} or below it (a staged evaluation of an older strategy). */
    private boolean held(Node n) {
        for (Cursor c : open) {
            for (Node p = c.node; p != null; p = p.parent) {
                if (p == n) {
                    return true;
                }
            }
        }
        return false;
    }

    private void evict(long currentStamp) {
        while (bytes > budgetBytes) {
            Node victim = null;
            List<Node> todo = new ArrayList<>(root.children.values());
            while (!todo.isEmpty()) {
                Node n = todo.remove(todo.size() - 1);
                if (n.children.isEmpty()) {
                    if (n.lastUsed < currentStamp && !held(n)
                            && (victim == null || n.lastUsed < victim.lastUsed)) {
                        victim = n;
                    }
                } else {
                    todo.addAll(n.children.values());
                }
            }
            if (victim == null) {
                return;
            }
            victim.parent.children.remove(victim.key);
            victim.manager.close();
            bytes -= victim.bytes;
        }
    }

    /** Bytes of activations currently cached. */
    long bytes() {
        return bytes;
    }

    /** Drops every cached activation. */
    void clear() {
        List<Node> todo = new ArrayList<>(root.children.values());
        while (!todo.isEmpty()) {
            Node n = todo.remove(todo.size() - 1);
            todo.addAll(n.children.values());
            n.manager.close();
        }
        root.children.clear();
        bytes = 0;
    }

    @Override
    public void close() {
        manager.close();
    }
}
