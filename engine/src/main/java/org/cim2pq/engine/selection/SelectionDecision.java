package org.cim2pq.engine.selection;

import java.util.List;

import org.cim2pq.engine.genome.StrategyId;

/**
 * A generation's survival decision as data, comparable with {@code equals} when it is re-derived for verification.
 *
 * @param survivors the next population, in the order selection chose it (quota members first, then NSGA-III's
 *                  whole fronts, then its niching picks)
 * @param fates     one per candidate, in ascending strategy id
 */
public record SelectionDecision(int generation, List<StrategyId> survivors, List<CandidateFate> fates) {

    public SelectionDecision {
        survivors = List.copyOf(survivors);
        fates = List.copyOf(fates);
    }
}
