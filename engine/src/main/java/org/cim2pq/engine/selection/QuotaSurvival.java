package org.cim2pq.engine.selection;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * qNSGA-III's survival step: reserve the quota of {@link QuotaPolicy} first, then let {@link Nsga3Survival} choose
 * the remaining N - Q among the other candidates (its normalisation, association and niche counts see only those;
 * the quota members are outside the niching). With no reserved place this is exactly {@link Nsga3Survival}: same
 * call, same random draws.
 *
 * <p>In the outcome, {@code front} is every candidate's front among <em>all</em> candidates; reference points and
 * distances are those of the NSGA-III part (-1 / NaN for quota members).
 */
public final class QuotaSurvival {

    private final Nsga3Survival nsga3;
    private final QuotaPolicy policy;

    public QuotaSurvival(ReferencePoints referencePoints, QuotaPolicy policy) {
        this.nsga3 = new Nsga3Survival(referencePoints);
        this.policy = policy;
    }

    public QuotaPolicy policy() {
        return policy;
    }

    public SurvivalOutcome select(double[][] f, int n, SplittableRandom random) {
        return select(f, n, random, null);
    }

    /** {@code earlierIdeal}: NSGA-III's ideal point of earlier generations, or null (see {@link Normalization}). */
    public SurvivalOutcome select(double[][] f, int n, SplittableRandom random, double[] earlierIdeal) {
        return select(f, n, random, earlierIdeal, null);
    }

    /** {@code earlierExtremes}: the previous generation's extreme points, or null (see {@link Normalization}). */
    public SurvivalOutcome select(double[][] f, int n, SplittableRandom random, double[] earlierIdeal,
                                  double[][] earlierExtremes) {
        int q = Math.min(policy.places(n), f.length);
        if (q == 0) {
            return nsga3.select(f, n, random, earlierIdeal, earlierExtremes);
        }
        int[] quota = cimFriendly(f, q);
        boolean[] member = new boolean[f.length];
        for (int i : quota) {
            member[i] = true;
        }
        int[] rest = IntStream.range(0, f.length).filter(i -> !member[i]).toArray();
        double[][] restF = new double[rest.length][];
        for (int i = 0; i < rest.length; i++) {
            restF[i] = f[rest[i]];
        }
        SurvivalOutcome inner = nsga3.select(restF, n - quota.length, random, earlierIdeal,
                earlierExtremes);

        int[] survivors = Arrays.copyOf(quota, quota.length + inner.survivors().length);
        for (int i = 0; i < inner.survivors().length; i++) {
            survivors[quota.length + i] = rest[inner.survivors()[i]];
        }
        int[] refOf = new int[f.length];
        double[] dist = new double[f.length];
        Arrays.fill(refOf, -1);
        Arrays.fill(dist, Double.NaN);
        for (int i = 0; i < rest.length; i++) {
            refOf[rest[i]] = inner.referencePoint()[i];
            dist[rest[i]] = inner.distance()[i];
        }
        int[] front = NondominatedSorting.sort(f).rank();
        return new SurvivalOutcome(survivors, front, refOf, dist, inner.nicheCount(), member, inner.normalization());
    }

    /** The {@code q} cheapest candidates within the accuracy tolerance of the best error. */
    int[] cimFriendly(double[][] f, int q) {
        int m = f[0].length;
        int e = policy.errorObjective();
        double best = Double.POSITIVE_INFINITY;
        for (double[] row : f) {
            best = Math.min(best, row[e]);
        }
        double limit = best + policy.accuracyTolerance();
        int[] eligible = IntStream.range(0, f.length).filter(i -> f[i][e] <= limit).toArray();
        int[] hw = policy.hardwareObjectives(m);
        double[] cost = new double[f.length];
        if (policy.aggregation() == CostAggregation.PRODUCT) {
            for (int i : eligible) {
                double c = 1;
                for (int h : hw) {
                    c *= f[i][h];
                }
                cost[i] = c;
            }
        } else {
            for (int h : hw) {
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                for (int i : eligible) {
                    lo = Math.min(lo, f[i][h]);
                    hi = Math.max(hi, f[i][h]);
                }
                for (int i : eligible) {
                    cost[i] += hi > lo ? (f[i][h] - lo) / (hi - lo) : 0.0;
                }
            }
        }
        return Arrays.stream(eligible).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> cost[i]).thenComparingDouble(i -> f[i][e])
                        .thenComparingInt(i -> i))
                .limit(q).mapToInt(Integer::intValue).toArray();
    }
}
