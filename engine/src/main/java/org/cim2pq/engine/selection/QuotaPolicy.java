package org.cim2pq.engine.selection;

import java.util.Arrays;

/**
 * qNSGA-III's quota (METHOD.md sec. 4). Before NSGA-III fills the next population, {@code floor(quota * N)} places
 * go to the <em>CIM-friendly</em> candidates: those whose error is within {@code accuracyTolerance} of the best
 * (lowest) error among all candidates, taken in ascending hardware cost (ties: lower error, then candidate order),
 * even when they are dominated or would lose the niching. {@code quota = 0} is NSGA-III exactly.
 *
 * @param quota             fraction of the population reserved; default {@value #DEFAULT_QUOTA}
 * @param accuracyTolerance in the error objective's own unit; default {@value #DEFAULT_TOLERANCE} (5 accuracy points
 *                          for an error in percent; use 0.05 for an error that is a fraction)
 * @param errorObjective    index of the error objective; default 0
 * @param hardwareObjectives indices of the hardware-cost objectives; empty = all objectives except the error one
 * @param aggregation       how hardware objectives make one cost; default {@link CostAggregation#NORMALISED_SUM}
 */
public record QuotaPolicy(double quota, double accuracyTolerance, int errorObjective, int[] hardwareObjectives,
                          CostAggregation aggregation) {

    public static final double DEFAULT_QUOTA = 0.2;
    public static final double DEFAULT_TOLERANCE = 5.0;

    /** q = 0: plain NSGA-III. */
    public static final QuotaPolicy NONE = new QuotaPolicy(0.0, DEFAULT_TOLERANCE, 0, new int[0], CostAggregation.NORMALISED_SUM);

    /** METHOD.md defaults: q = 20%, delta = 5 points, error = objective 0, hardware = the others, normalised sum. */
    public static final QuotaPolicy DEFAULT =
            new QuotaPolicy(DEFAULT_QUOTA, DEFAULT_TOLERANCE, 0, new int[0], CostAggregation.NORMALISED_SUM);

    public QuotaPolicy {
        if (!(quota >= 0 && quota <= 1)) {
            throw new IllegalArgumentException("quota must be in [0, 1]: " + quota);
        }
        if (!(accuracyTolerance >= 0)) {
            throw new IllegalArgumentException("accuracy tolerance must be >= 0: " + accuracyTolerance);
        }
        hardwareObjectives = hardwareObjectives == null ? new int[0] : hardwareObjectives.clone();
    }

    public QuotaPolicy withQuota(double q) {
        return new QuotaPolicy(q, accuracyTolerance, errorObjective, hardwareObjectives, aggregation);
    }

    public QuotaPolicy withAccuracyTolerance(double delta) {
        return new QuotaPolicy(quota, delta, errorObjective, hardwareObjectives, aggregation);
    }

    @Override
    public int[] hardwareObjectives() {
        return hardwareObjectives.clone();
    }

    /** Number of reserved places in a population of {@code n}. */
    public int places(int n) {
        return (int) Math.floor(quota * n + 1e-9);
    }

    /** The hardware objective indices for M objectives. */
    int[] hardwareObjectives(int m) {
        if (hardwareObjectives.length > 0) {
            return hardwareObjectives.clone();
        }
        int[] h = new int[m - 1];
        for (int i = 0, k = 0; i < m; i++) {
            if (i != errorObjective) {
                h[k++] = i;
            }
        }
        return h;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QuotaPolicy q && quota == q.quota && accuracyTolerance == q.accuracyTolerance
                && errorObjective == q.errorObjective && Arrays.equals(hardwareObjectives, q.hardwareObjectives)
                && aggregation == q.aggregation;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(quota) * 31 + errorObjective;
    }

    @Override
    public String toString() {
        return "QuotaPolicy[q=" + quota + ", delta=" + accuracyTolerance + ", error=" + errorObjective + ", hardware="
                + Arrays.toString(hardwareObjectives) + ", " + aggregation + "]";
    }
}
