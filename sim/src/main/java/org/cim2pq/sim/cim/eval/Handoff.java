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
 * borrows its tensors (from the stage that just ran, valid until that stage runs again) or holds them (after
 * {@link TileGroupStage#handOff}): a hold on the sending group's {@link SharedActivations} (no copy), plus a copy of
 * any tensor the sender does not share; the next stage keeps what it holds as a cache entry or closes it.
 */
public final class Handoff implements AutoCloseable {

    final List<TilePrecisions> strategy;
    final int segment;
    final Map<String, NDArray> env;
    final PartialSumClipping clipping;
    final int reused;
    final boolean reusing;
    final long startNanos;
    /** Borrowed handoffs: what the sending stage's cache shares of {@link #env} (null: nothing). */
    final SharedActivations shareable;
    private NDManager owner;
    private long ownedBytes;
    private SharedActivations hold;

    Handoff(List<TilePrecisions> strategy, int segment, Map<String, NDArray> env, PartialSumClipping clipping,
            int reused, boolean reusing, long startNanos, SharedActivations shareable) {
        this.strategy = strategy;
        this.segment = segment;
        this.env = env;
        this.clipping = clipping;
        this.reused = reused;
        this.reusing = reusing;
        this.startNanos = startNanos;
        this.shareable = shareable;
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

    /** Whether this handoff holds its tensors (they stay valid until it is closed). */
    boolean held() {
        return owner != null || hold != null;
    }

    /** Bytes of the copies this handoff owns alone (the shared part is the sender's budget entry). */
    long copiedBytes() {
        return ownedBytes;
    }

    /**
     * A handoff that holds the same activations, for another thread: a hold on what the sender shares (no copy) and
     * copies, in a fresh sub-manager of {@code parent}, of the rest.
     */
    Handoff handOver(NDManager parent) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        Map<NDArray, NDArray> copied = new IdentityHashMap<>();
        NDManager[] m = new NDManager[1];
        for (Map.Entry<String, NDArray> e : env.entrySet()) {
            NDArray a = e.getValue();
            out.put(e.getKey(), shareable != null && shareable.holds(a) ? a : copied.computeIfAbsent(a, x -> {
                if (m[0] == null) {
                    m[0] = parent.newSubManager();
                }
                NDArray c = x.duplicate();
                c.attach(m[0]);
                return c;
            }));
        }
        Handoff h = new Handoff(strategy, segment, out, clipping, reused, reusing, startNanos, null);
        h.owner = m[0];
        h.ownedBytes = bytes(copied.values());
        h.hold = shareable == null ? null : shareable.acquire();
        return h;
    }

    /** Frees what this handoff holds: its copies, its hold on the sender's activations (idempotent). */
    @Override
    public void close() {
        if (owner != null) {
            owner.close();
            owner = null;
        }
        if (hold != null) {
            hold.release();
            hold = null;
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
