package org.cim2pq.sim.cim.eval;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * The activations a tile group hands on (its last segment's outputs), held by every party that may still read them:
 * the group's prefix cache, the stage message carrying them, and the next group's cache entry made of them. They are
 * freed, and their bytes returned to the node's {@link ActivationBudget}, when the last holder releases them, so a
 * boundary is stored once, never copied. The tensors are never written after they are made, so the holders may read
 * them from different threads. Thread-safe.
 */
final class SharedActivations {

    private final NDManager manager;
    private final Set<NDArray> arrays;
    private final long bytes;
    private final ActivationBudget budget;
    private final AtomicInteger holders = new AtomicInteger(1);

    /**
     * Held once, by its creator. {@code manager} owns exactly {@code arrays}; it must not be a sub-manager of
     * anything the creator closes (it outlives the creator's cache and stage).
     */
    SharedActivations(NDManager manager, Iterable<NDArray> arrays, ActivationBudget budget) {
        this.manager = manager;
        Set<NDArray> set = Collections.newSetFromMap(new IdentityHashMap<>());
        arrays.forEach(set::add);
        this.arrays = set;
        this.bytes = Handoff.bytes(set);
        this.budget = budget;
        budget.add(bytes);
    }

    /** Whether {@code array} is one of these activations (else it belongs to someone else). */
    boolean holds(NDArray array) {
        return arrays.contains(array);
    }

    long bytes() {
        return bytes;
    }

    /** One more holder; it must {@link #release} once. */
    SharedActivations acquire() {
        if (holders.getAndIncrement() <= 0) {
            throw new IllegalStateException("shared activations acquired after they were freed");
        }
        return this;
    }

    /** One holder fewer; the last one frees the tensors and returns their bytes to the budget. */
    void release() {
        int left = holders.decrementAndGet();
        if (left == 0) {
            manager.close();
            budget.release(bytes);
        } else if (left < 0) {
            throw new IllegalStateException("shared activations released more often than held");
        }
    }
}
