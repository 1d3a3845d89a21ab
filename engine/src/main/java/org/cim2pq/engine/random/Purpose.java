package org.cim2pq.engine.random;

/**
 * What a random stream is used for. The numeric code is hashed into the stream key and journaled decisions depend
 * on it, so codes are fixed forever: add new purposes with new codes, never renumber.
 */
public enum Purpose {
    INITIAL_POPULATION(1),
    PARENTS(2),
    CROSSOVER(3),
    MUTATION(4),
    SELECTION(5),
    /** Monte-Carlo hypervolume estimation (M > 4). */
    INDICATOR(6),
    /** The seed of the simulated chips' non-idealities (sim's noise draws, keyed further by draw and position). */
    NOISE(7);

    private final long code;

    Purpose(long code) {
        this.code = code;
    }

    public long code() {
        return code;
    }
}
