package org.cim2pq.engine.selection;

/** How qNSGA-III folds the hardware objectives (energy, latency, area, ...) into one cost to rank CIM-friendliness. */
public enum CostAggregation {
    /**
     * Default. Each hardware objective min-max normalised over the eligible strategies (constant objectives count 0),
     * then summed with equal weights: scale-free, so joules and square millimetres weigh alike.
     */
    NORMALISED_SUM,
    /** The product of the raw hardware objectives (with energy, latency, area: energy-delay-area product). */
    PRODUCT
}
