package org.cim2pq.engine.indicator;

/**
 * Inverted generational distance as Deb and Jain 2014 compute it: for every target point on the true front (one per
 * reference direction, see {@code Dtlz.trueFrontTargets}), the Euclidean distance to the nearest obtained point,
 * averaged over the targets (arithmetic mean, no power-mean). Lower is better.
 */
public final class Igd {

    private Igd() {
    }

    public static double of(double[][] obtained, double[][] targets) {
        double sum = 0;
        for (double[] z : targets) {
            double best = Double.POSITIVE_INFINITY;
            for (double[] a : obtained) {
                double d = 0;
                for (int i = 0; i < z.length; i++) {
                    double t = a[i] - z[i];
                    d += t * t;
                }
                best = Math.min(best, d);
            }
            sum += Math.sqrt(best);
        }
        return sum / targets.length;
    }
}
