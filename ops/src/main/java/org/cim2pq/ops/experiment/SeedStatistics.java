package org.cim2pq.ops.experiment;

import java.util.Arrays;

/**
 * Spread over seeds and paired differences between variants (METHOD.md section 5): a figure per seed, its mean,
 * sample standard deviation, min and max; a difference from the baseline paired by seed (both runs share the seed),
 * with its mean and the 95% Student t interval on the mean, so "within noise" (the interval holds 0) can be said.
 * Seeds where either figure is undefined (NaN: e.g. no strategy within 1 point of FP accuracy) are left out and
 * counted.
 */
public final class SeedStatistics {

    /** Two-sided 95% quantiles of Student's t, t(0.975; df) for df = 1..30. */
    private static final double[] T975 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056,
        2.052, 2.048, 2.045, 2.042};

    private SeedStatistics() {}

    /** Mean, sample standard deviation (NaN for one value), min and max of the defined values; n of them. */
    public record Summary(int n, double mean, double sd, double min, double max) {
        public static Summary of(double[] values) {
            double[] v = Arrays.stream(values).filter(Double::isFinite).toArray();
            if (v.length == 0) {
                return new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            }
            double mean = Arrays.stream(v).average().orElseThrow();
            double ss = Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum();
            return new Summary(v.length, mean, v.length < 2 ? Double.NaN : Math.sqrt(ss / (v.length - 1)),
                    Arrays.stream(v).min().orElseThrow(), Arrays.stream(v).max().orElseThrow());
        }
    }

    /** Mean of the paired differences (variant - baseline) over n seeds and its 95% t interval (NaN for n < 2). */
    public record Difference(int n, double mean, double low95, double high95) {

        public static Difference of(double[] variant, double[] baseline) {
            int k = Math.min(variant.length, baseline.length);
            double[] d = new double[k];
            for (int i = 0; i < k; i++) {
                d[i] = variant[i] - baseline[i];
            }
            Summary s = Summary.of(d);
            if (s.n() < 2) {
                return new Difference(s.n(), s.mean(), Double.NaN, Double.NaN);
            }
            double half = t975(s.n() - 1) * s.sd() / Math.sqrt(s.n());
            return new Difference(s.n(), s.mean(), s.mean() - half, s.mean() + half);
        }

        /** {@code higher}, {@code lower}, {@code within noise} (the interval holds 0), or {@code n/a}. */
        public String verdict() {
            if (n == 0 || !Double.isFinite(mean)) {
                return "n/a";
            }
            if (!Double.isFinite(low95)) {
                return mean == 0 ? "equal" : "no interval";
            }
            if (low95 <= 0 && high95 >= 0) {
                return low95 == 0 && high95 == 0 ? "equal" : "within noise";
            }
            return mean > 0 ? "higher" : "lower";
        }
    }

    /** t(0.975; df): the table to 30, then the Cornish-Fisher expansion around the normal quantile. */
    public static double t975(int df) {
        if (df < 1) {
            throw new IllegalArgumentException("degrees of freedom " + df);
        }
        if (df <= T975.length) {
            return T975[df - 1];
        }
        double z = 1.959963984540054;
        return z + (z * z * z + z) / (4.0 * df) + (5 * Math.pow(z, 5) + 16 * z * z * z + 3 * z) / (96.0 * df * df);
    }
}
