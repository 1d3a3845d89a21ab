package org.cim2pq.sim.cim.eval;

import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import org.cim2pq.sim.cim.inference.PartialSumClipping;
import org.cim2pq.sim.cim.quant.TilePrecisions;

/**
 * One strategy's evaluation between two tile groups: the live activations of the evaluation batch after the
 * segments run so far, and what the score needs (clipping counts, layers reused, start time). A handoff either
 * borrows its tensors (from the stage that just ran, valid until that stage runs again) or owns them (its own
 * NDManager, after {@link TileGroupStage#handOff}); the next stage takes an owned one over or closes it.
 */
public final class Handoff implements AutoCloseable {

    final List<TilePrecisions> strategy;
    final int segment;
    final Map<String, NDArray> env;
    final PartialSumClipping clipping;
    final int reused;
    final boolean reusing;
    final long startNanos;
    private NDManager owner;

    Handoff(List<TilePrecisions> strategy, int segment, Map<String, NDArray> env, PartialSumClipping clipping,
            int reused, boolean reusing, long startNanos, NDManager owner) {
        this.strategy = strategy;
        this.segment = segment;
        this.env = env;
        this.clipping = clipping;
        this.reused = reused;
        this.reusing = reusing;
        this.startNanos = startNanos;
        this.owner = owner;
    }

    /** Segments (weight layers) run so far. */
    public int segment() {
        return segment;
    }

    /** The effective strategy (after pinning) being evaluated. */
    public List<TilePrecisions> strategy() {
        return strategy;
    }

    /** Bytes of the activations it carries. */
    public long bytes() {
        return bytes(env.values());
    }

    boolean owned() {
        return owner != null;
    }

    /** Gives the tensors' manager to the caller (a stage's cache), so closing this handoff no longer frees them. */
    NDManager takeOver() {
        NDManager m = owner;
        owner = null;
        return m;
    }

    /** A copy whose tensors live in a fresh sub-manager of {@code parent}. */
    Handoff copyInto(NDManager parent) {
        NDManager m = parent.newSubManager();
        Map<String, NDArray> copy = new LinkedHashMap<>();
        Map<NDArray, NDArray> copied = new IdentityHashMap<>();
        for (Map.Entry<String, NDArray> e : env.entrySet()) {
            copy.put(e.getKey(), copied.computeIfAbsent(e.getValue(), a -> {
                NDArray c = a.duplicate();
                c.attach(m);
                return c;
            }));
        }
        return new Handoff(strategy, segment, copy, clipping, reused, reusing, startNanos, m);
    }

    /** Frees the tensors if this handoff owns them (idempotent). */
    @Override
    public void close() {
        if (owner != null) {
            owner.close();
            owner = null;
        }
    }

    static long bytes(Iterable<NDArray> arrays) {
        long size = 0;
        java.util.Set<NDArray> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (NDArray a : arrays) {
            if (seen.add(a)) {
                size += a.getShape().size() * a.getDataType().getNumOfBytes();
            }
        }
        return size;
    }
}
