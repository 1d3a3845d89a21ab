package org.cim2pq.engine.indicator;

/**
 * IGD+ (Ishibuchi, Masuda, Tanigaki, Nojima 2015): as IGD, but the distance from target z to obtained a counts only
 * where a is worse, d+(z, a) = sqrt(sum_i max(a_i - z_i, 0)^2), which makes the indicator weakly Pareto compliant.
 */
public final class IgdPlus {

    private IgdPlus() {
    }

    public static double of(double[][] obtained, double[][] targets) {
        double sum = 0;
        for (double[] z : targets) {
            double best = Double.POSITIVE_INFINITY;
            for (double[] a : obtained) {
                double d = 0;
                for (int i = 0; i < z.length; i++) {
                    double t = Math.max(a[i] - z[i], 0.0);
                    d += t * t;
                }
                best = Math.min(best, d);
            }
            sum += Math.sqrt(best);
        }
        return sum / targets.length;
    }
}
