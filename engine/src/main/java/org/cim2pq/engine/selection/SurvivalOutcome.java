package org.cim2pq.engine.selection;

import java.util.Arrays;

/**
 * What an index-level survival step decided and why, for candidates 0..P-1.
 *
 * @param survivors      candidate indices that survive, in the order they were chosen
 * @param front          front index (0 = non-dominated) of every candidate among the candidates it competed with
 * @param referencePoint reference point each candidate of S_t is associated with, -1 outside S_t (and for quota
 *                       members)
 * @param distance       perpendicular distance to that reference line in normalised space, NaN where no reference
 * @param nicheCount     per reference point: how many survivors are associated with it
 * @param quotaMember    per candidate: reserved by qNSGA-III's quota
 * @param normalization  the normalisation used for association (null when nothing competed)
 */
public record SurvivalOutcome(int[] survivors, int[] front, int[] referencePoint, double[] distance, int[] nicheCount,
                              boolean[] quotaMember, Normalization normalization) {

    @Override
    public boolean equals(Object o) {
        return o instanceof SurvivalOutcome s && Arrays.equals(survivors, s.survivors) && Arrays.equals(front, s.front)
                && Arrays.equals(referencePoint, s.referencePoint) && Arrays.equals(distance, s.distance)
                && Arrays.equals(nicheCount, s.nicheCount) && Arrays.equals(quotaMember, s.quotaMember)
                && java.util.Objects.equals(normalization, s.normalization);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(survivors);
    }

    @Override
    public String toString() {
        return "SurvivalOutcome[survivors=" + Arrays.toString(survivors) + "]";
    }
}
