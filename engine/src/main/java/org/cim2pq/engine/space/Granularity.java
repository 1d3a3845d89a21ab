package org.cim2pq.engine.space;

/**
 * How finely a strategy assigns precisions. The genome holds one (input, weight, partial-sum) triple per
 * <em>search unit</em>: a tile for {@link #ARRAY} (CIM2PQ), a whole layer for {@link #LAYER} (the baseline, all
 * tiles of a layer share one triple). Variation and selection are the same code for both.
 */
public enum Granularity {
    ARRAY,
    LAYER
}
