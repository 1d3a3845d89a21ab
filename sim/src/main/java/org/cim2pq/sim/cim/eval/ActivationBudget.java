package org.cim2pq.sim.cim.eval;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One node's byte budget for cached activations, shared by the prefix-cache shares of every tile group of every
 * pipeline on the node. Each share evicts only its own entries (it alone touches its tensors), as long as the node
 * as a whole is over budget, so the total stays within the budget plus what the shares are using at that moment
 * (at most one path per share). Thread-safe.
 */
public final class ActivationBudget {

    private final long limitBytes;
    private final AtomicLong used = new AtomicLong();

    public ActivationBudget(long limitBytes) {
        if (limitBytes < 0) {
            throw new IllegalArgumentException("activation budget must be >= 0 bytes, got " + limitBytes);
        }
        this.limitBytes = limitBytes;
    }

    public long limitBytes() {
        return limitBytes;
    }

    /** Bytes currently held by all shares. */
    public long usedBytes() {
        return used.get();
    }

    void add(long bytes) {
        used.addAndGet(bytes);
    }

    void release(long bytes) {
        used.addAndGet(-bytes);
    }

    boolean over() {
        return used.get() > limitBytes;
    }
}
