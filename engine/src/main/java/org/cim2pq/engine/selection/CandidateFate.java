package org.cim2pq.engine.selection;

import org.cim2pq.engine.genome.StrategyId;

/**
 * Why a candidate survived or not.
 *
 * @param front          its front among all candidates (0 = non-dominated)
 * @param referencePoint the reference point it is associated with, -1 when it was not in S_t or is a quota member
 * @param distance       perpendicular distance to that reference line (normalised space), NaN without one
 * @param nicheCount     survivors associated with that reference point after selection, -1 without one
 * @param quotaMember    reserved as CIM-friendly by qNSGA-III's quota
 * @param survived       in the next population
 */
public record CandidateFate(StrategyId id, int front, int referencePoint, double distance, int nicheCount,
                            boolean quotaMember, boolean survived) {
}
