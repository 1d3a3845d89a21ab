package org.cim2pq.engine.genome;

/**
 * A quantization strategy: its id and its genome (candidate-set indices, 3 per search unit). What the indices mean
 * in bits is the search space's business ({@code CimSearchSpace.decode}).
 */
public record Strategy(StrategyId id, IntGenome genome) {

    public Strategy {
        if (id == null || genome == null) {
            throw new IllegalArgumentException("id and genome are required");
        }
    }

    /** The genome's compact encoding, e.g. for memoising evaluations of equal genomes. */
    public String encoding() {
        return genome.encode();
    }

    @Override
    public String toString() {
        return id + ":" + genome.encode();
    }
}
