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
 * <p>Each node owns the tensors its segment created (its own NDManager). The group's last segment's outputs are
 * what it hands on: those nodes hold them as {@link SharedActivations}, which the stage message and the next
 * group's entry hold too, so a boundary is stored once. An entry holds the {@link Handoff} it was made of. While
 * the node's {@link ActivationBudget} is exceeded, the share releases its least recently used leaves, never the
 * path of the strategy just run. Used by one thread at a time (its tile group's simulator).
 */
final class PrefixCache implements AutoCloseable {

    private final NetworkTiling tiling;
    private final NetworkProgram program;
    private final int fromSegment;
    private final int toSegment;
    private final ActivationBudget budget;
    private final NDManager manager;
    private final NDManager handedOn;
    private final Map<List<TilePrecisions>, Node> entries = new HashMap<>();
    private final Node fixedEntry;
    private long bytes;
    private long clock;

    private static final class Node {
        final Node parent;
        final List<TilePrecisions> key;
        final Map<String, NDArray> env;
        /** Owns the node's own tensors (null for an entry, and for the fixed one). */
        final NDManager manager;
        final PartialSumClipping clipping;
        final long bytes;
        /** A last segment's outputs, handed on: the node's hold on them (else null). */
        final SharedActivations shared;
        /** An entry: the handoff it was made of, which holds its tensors (else null). */
        final Handoff handoff;
        final Map<List<TilePrecisions>, Node> children = new HashMap<>();
        long lastUsed;

        Node(Node parent, List<TilePrecisions> key, Map<String, NDArray> env, NDManager manager,
             PartialSumClipping clipping, long bytes, SharedActivations shared, Handoff handoff) {
            this.parent = parent;
            this.key = key;
            this.env = env;
            this.manager = manager;
            this.clipping = clipping;
            this.bytes = bytes;
            this.shared = shared;
            this.handoff = handoff;
        }
    }

    /**
     * @param input the evaluation batch when {@code fromSegment} is 0 (the one, never evicted entry), else null
     * @param manager parent of the nodes' managers
     * @param handedOn parent of the managers of what the group hands on (null for the last group): it must outlive
     *        this cache and its stage, since the next group may still hold those tensors
     */
    PrefixCache(NetworkTiling tiling, NetworkProgram program, int fromSegment, int toSegment, NDArray input,
                ActivationBudget budget, NDManager manager, NDManager handedOn) {
        this.manager = manager;
        this.handedOn = handedOn;
        this.tiling = tiling;
        this.program = program;
        this.fromSegment = fromSegment;
        this.toSegment = toSegment;
        this.budget = budget;
        this.fixedEntry = fromSegment == 0
                ? new Node(null, List.of(), NetworkProgram.start(input), null, null, 0, null, null) : null;
    }

    /**
     * Result of running the group's segments: the activations after them (owned by the cache), what of them may be
     * handed on (null for the last group) and the counts.
     */
    record Run(Map<String, NDArray> env, SharedActivations shared, int reused, boolean reusing,
               PartialSumClipping clipping) {}

    /**
     * Runs (or reuses) the group's segments for {@code in}'s strategy. Takes {@code in} over in every case: it
     * becomes the entry of its prefix, or is closed (the share holds that entry already, or {@code in} is refused).
     */
    Run run(ArraywiseInference inference, Handoff in) {
        if (in.segment != fromSegment) {
            in.close();
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
                boolean handsOn = handedOn != null && s == toSegment - 1;
                NDManager m = handsOn ? handedOn.newSubManager()
                        : (node.manager != null ? node.manager : manager).newSubManager();
                PartialSumClipping clipping = new PartialSumClipping(tiling.tiles().size());
                Map<String, NDArray> env = program.runSegment(s, node.env, inference.kernel(strategy, clipping), m);
                List<NDArray> created = new ArrayList<>();
                for (NDArray a : env.values()) {
                    if (!node.env.containsValue(a)) {
                        created.add(a);
                    }
                }
                long size = Handoff.bytes(created);
                if (handsOn) {
                    child = new Node(node, key, env, m, clipping, size, new SharedActivations(m, created, budget),
                            null);
                    bytes += size; // the budget has them through the shared activations
                } else {
                    child = new Node(node, key, env, m, clipping, size, null, null);
                    add(size);
                }
                node.children.put(key, child);
            } else if (reusing) {
                reused++;
            }
            child.lastUsed = stamp;
            total.addAll(child.clipping);
            node = child;
        }
        evict(stamp);
        return new Run(node.env, node.shared, reused, reusing, total);
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
        if (!in.held()) {
            throw new IllegalArgumentException("a tile group must be handed activations it can keep");
        }
        long size = in.copiedBytes(); // the shared part is in the budget already
        entry = new Node(null, key, in.env, null, null, size, null, in);
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
        free(n);
    }

    /** Frees what the node holds (shared activations: this share's hold on them). */
    private void free(Node n) {
        bytes -= n.bytes;
        if (n.shared != null) {
            n.shared.release(); // returns the bytes to the budget when no one else holds them
            return;
        }
        if (n.handoff != null) {
            n.handoff.close();
        } else {
            n.manager.close();
        }
        budget.release(n.bytes);
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
            freeSubtree(n);
        }
        entries.clear();
        if (fixedEntry != null) {
            fixedEntry.children.clear();
        }
    }

    private void freeSubtree(Node n) {
        for (Node c : n.children.values()) {
            freeSubtree(c);
        }
        free(n); // after the children: their managers may be its sub-managers
    }

    @Override
    public void close() {
        clear();
    }
}
