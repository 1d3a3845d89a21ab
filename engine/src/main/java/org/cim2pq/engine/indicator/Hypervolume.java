package org.cim2pq.engine.indicator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import org.cim2pq.engine.random.DrawKey;
import org.cim2pq.engine.random.Purpose;

/**
 * Hypervolume (minimisation) of the region dominated by the points and bounded by a reference point; points that
 * do not strictly dominate the reference point contribute nothing.
 *
 * <p>{@link #of} is exact for M <= {@value #EXACT_MAX_OBJECTIVES} by HSO slicing (While, Hingston, Barone, Huband
 * 2006): sort on the last objective and sum slab depth times the (M-1)-dimensional volume of the points below, down
 * to an O(n log n) sweep in 2-D; fine for the few hundred points of a population. For larger M it is a Monte-Carlo
 * estimate: {@value #DEFAULT_SAMPLES} uniform samples in the box between the points' minimum and the reference point,
 * drawn from a fixed stream, so the estimate is deterministic (relative standard error about
 * sqrt((1-v)/(v*samples)) for a covered fraction v).
 */
public final class Hypervolume {

    public static final int EXACT_MAX_OBJECTIVES = 4;
    public static final int DEFAULT_SAMPLES = 100_000;
    private static final long SAMPLING_SEED = 0x4856L; // "HV": fixed, so estimates are reproducible

    private Hypervolume() {
    }

    public static double of(double[][] points, double[] reference) {
        return reference.length <= EXACT_MAX_OBJECTIVES ? exact(points, reference)
                : monteCarlo(points, reference, DEFAULT_SAMPLES);
    }

    public static double exact(double[][] points, double[] reference) {
        List<double[]> inside = new ArrayList<>();
        for (double[] p : points) {
            boolean ok = true;
            for (int i = 0; i < reference.length; i++) {
                ok &= p[i] < reference[i];
            }
            if (ok) {
                inside.add(p);
            }
        }
        if (inside.isEmpty()) {
            return 0.0;
        }
        return slice(inside.toArray(double[][]::new), reference, reference.length);
    }

    /** Volume over the first {@code m} coordinates. */
    private static double slice(double[][] pts, double[] ref, int m) {
        if (m == 1) {
            double min = Double.POSITIVE_INFINITY;
            for (double[] p : pts) {
                min = Math.min(min, p[0]);
            }
            return ref[0] - min;
        }
        double[][] sorted = pts.clone();
        int last = m - 1;
        Arrays.sort(sorted, Comparator.comparingDouble(p -> p[last]));
        if (m == 2) {
            // Sweep on y: the union of boxes [x, ref_x] over points with y <= slab.
            double area = 0;
            double minX = Double.POSITIVE_INFINITY;
            for (int i = 0; i < sorted.length; i++) {
                minX = Math.min(minX, sorted[i][0]);
                double next = i + 1 < sorted.length ? sorted[i + 1][1] : ref[1];
                area += (next - sorted[i][1]) * (ref[0] - minX);
            }
            return area;
        }
        double vol = 0;
        List<double[]> below = new ArrayList<>();
        for (int i = 0; i < sorted.length; i++) {
            addNonDominated(below, sorted[i], last);
            double next = i + 1 < sorted.length ? sorted[i + 1][last] : ref[last];
            double depth = next - sorted[i][last];
            if (depth > 0) {
                vol += depth * slice(below.toArray(double[][]::new), ref, m - 1);
            }
        }
        return vol;
    }

    /** Keeps {@code set} free of points dominated in the first {@code m} coordinates (they add no volume). */
    private static void addNonDominated(List<double[]> set, double[] p, int m) {
        for (double[] q : set) {
            if (weaklyDominates(q, p, m)) {
                return;
            }
        }
        set.removeIf(q -> weaklyDominates(p, q, m));
        set.add(p);
    }

    private static boolean weaklyDominates(double[] a, double[] b, int m) {
        for (int i = 0; i < m; i++) {
            if (a[i] > b[i]) {
                return false;
            }
        }
        return true;
    }

    /** Monte-Carlo estimate with {@code samples} samples from a fixed stream. */
    public static double monteCarlo(double[][] points, double[] reference, int samples) {
        int m = reference.length;
        List<double[]> inside = new ArrayList<>();
        for (double[] p : points) {
            boolean ok = true;
            for (int i = 0; i < m; i++) {
                ok &= p[i] < reference[i];
            }
            if (ok) {
                addNonDominated(inside, p, m);
            }
        }
        if (inside.isEmpty()) {
            return 0.0;
        }
        double[] lo = new double[m];
        Arrays.fill(lo, Double.POSITIVE_INFINITY);
        for (double[] p : inside) {
            for (int i = 0; i < m; i++) {
                lo[i] = Math.min(lo[i], p[i]);
            }
        }
        double box = 1;
        for (int i = 0; i < m; i++) {
            box *= reference[i] - lo[i];
        }
        double[][] pts = inside.toArray(double[][]::new);
        SplittableRandom r = DrawKey.of(SAMPLING_SEED, 0, Purpose.INDICATOR, 0).random();
        double[] x = new double[m];
        int hit = 0;
        for (int s = 0; s < samples; s++) {
            for (int i = 0; i < m; i++) {
                x[i] = lo[i] + r.nextDouble() * (reference[i] - lo[i]);
            }
            for (double[] p : pts) {
                if (weaklyDominates(p, x, m)) {
                    hit++;
                    break;
                }
            }
        }
        return box * hit / samples;
    }
}
