package org.cim2pq.engine.variation;

import org.cim2pq.engine.space.PrecisionKind;

/**
 * One mutated gene: its index in the genome (unit {@code gene / 3}, precision kind {@code gene % 3}) and its
 * candidate index before and after.
 */
public record MutationSite(int gene, int oldValue, int newValue) {

    public int unit() {
        return gene / 3;
    }

    public PrecisionKind kind() {
        return PrecisionKind.ofGene(gene);
    }

    @Override
    public String toString() {
        return gene + ":" + oldValue + "->" + newValue;
    }
}
