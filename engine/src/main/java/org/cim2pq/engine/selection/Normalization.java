package org.cim2pq.engine.selection;

import java.util.Arrays;

/**
 * NSGA-III's adaptive normalisation (Deb and Jain 2014, sec. IV-C): translate by the ideal point, the per-objective
 * minimum over S_t of this and all earlier generations (the paper's union of S_0..S_t; the caller passes the earlier
 * minimum, equal to the minimum over every evaluated point since each S_tau holds its generation's minima), find the M
 * extreme points by the achievement scalarising function ASF(x, w^j) = max_i f'_i(x) / w^j_i with
 * w^j = (1e-6, .., 1, .., 1e-6), and take the hyperplane through them; its axis intercepts a_i scale the objectives,
 * f^n_i = f'_i / a_i. As in pymoo's NSGA-III (Deb's group), the previous generation's extreme points compete with
 * S_t in that search (so an extreme point once found is not lost), and translated values below
 * {@value #ASF_ZERO} count as 0 in it (so a point on an axis is not beaten by an old, far one because of a tiny
 * value times 1e6); both measured in docs/engine-benchmarks.md.
 *
 * <p>The paper says nothing about a hyperplane that cannot be formed. Here it is degenerate when the extreme points
 * are linearly dependent (pivot below {@value #SINGULAR}), the solved plane does not pass through them (residual
 * above {@value #RESIDUAL}), or an intercept is not finite or not above {@value #MIN_INTERCEPT}; then each intercept
 * falls back to the worst (largest) translated value of that objective on the first front (Deb's and pymoo's
 * choice), and to the worst over S_t if that is still not above {@value #MIN_INTERCEPT}, and to 1 for an objective
 * constant over S_t. jMetal 6.6 differs from the paper here: it looks for extreme points in the first front only,
 * scores them by ASF on untranslated objectives, solves the hyperplane on untranslated objectives, and on duplicate
 * extreme points uses the extremes' own values as intercepts, with no check for negative or tiny intercepts.
 *
 * @param ideal      per-objective minimum over S_t and the earlier ideal
 * @param intercepts translated intercepts a_i (always > 0)
 * @param extremes   candidate index of the extreme point of each axis (-1: an earlier generation's extreme point)
 * @param extremePoints objective vectors of the extreme points (pass them on as the next generation's
 *                   {@code earlierExtremes})
 * @param fallback   true when the hyperplane was degenerate and the worst-point fallback was used
 */
public record Normalization(double[] ideal, double[] intercepts, int[] extremes, double[][] extremePoints,
                            boolean fallback) {

    static final double ASF_EPSILON = 1e-6;
    /** Translated values below this count as 0 in the ASF search for extreme points (pymoo). */
    static final double ASF_ZERO = 1e-3;
    static final double SINGULAR = 1e-12;
    static final double RESIDUAL = 1e-8;
    static final double MIN_INTERCEPT = 1e-6;

    public static Normalization of(double[][] f, int[] members, int[] firstFront) {
        return of(f, members, firstFront, null);
    }

    /** As {@link #of(double[][], int[], int[])} with the ideal point of earlier generations (null: none). */
    public static Normalization of(double[][] f, int[] members, int[] firstFront, double[] earlierIdeal) {
        return of(f, members, firstFront, earlierIdeal, null);
    }

    private static double asf(double[] x, double[] ideal, int j) {
        double asf = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < x.length; i++) {
            double w = i == j ? 1.0 : ASF_EPSILON;
            double t = x[i] - ideal[i];
            asf = Math.max(asf, (t < ASF_ZERO ? 0.0 : t) / w);
        }
        return asf;
    }

    /**
     * As {@link #of(double[][], int[], int[], double[])} with the extreme points of the previous generation
     * ({@code earlierExtremes}, objective vectors; null: none) competing with S_t for each axis, as in the reference
     * implementation; an earlier extreme that wins keeps index -1 in {@link #extremes()}.
     */
    public static Normalization of(double[][] f, int[] members, int[] firstFront, double[] earlierIdeal,
                                   double[][] earlierExtremes) {
        int m = f[members[0]].length;
        double[] ideal = new double[m];
        Arrays.fill(ideal, Double.POSITIVE_INFINITY);
        if (earlierIdeal != null) {
            System.arraycopy(earlierIdeal, 0, ideal, 0, m);
        }
        for (int s : members) {
            for (int i = 0; i < m; i++) {
                ideal[i] = Math.min(ideal[i], f[s][i]);
            }
        }
        int[] extremes = new int[m];
        double[][] ev = new double[m][];
        for (int j = 0; j < m; j++) {
            double best = Double.POSITIVE_INFINITY;
            if (earlierExtremes != null) {
                for (double[] pe : earlierExtremes) {
                    double asf = asf(pe, ideal, j);
                    if (asf < best) {
                        best = asf;
                        extremes[j] = -1;
                        ev[j] = pe;
                    }
                }
            }
            for (int s : members) {
                double asf = asf(f[s], ideal, j);
                if (asf < best) {
                    best = asf;
                    extremes[j] = s;
                    ev[j] = f[s];
                }
            }
        }
        double[] intercepts = hyperplaneIntercepts(ev, ideal);
        boolean fallback = intercepts == null;
        if (fallback) {
            intercepts = new double[m];
            for (int i = 0; i < m; i++) {
                double worst = worst(f, firstFront, ideal, i);
                if (!(worst > MIN_INTERCEPT)) {
                    worst = worst(f, members, ideal, i);
                }
                intercepts[i] = worst > MIN_INTERCEPT ? worst : 1.0;
            }
        }
        return new Normalization(ideal, intercepts, extremes, ev, fallback);
    }

    private static double worst(double[][] f, int[] set, double[] ideal, int i) {
        double w = Double.NEGATIVE_INFINITY;
        for (int s : set) {
            w = Math.max(w, f[s][i] - ideal[i]);
        }
        return w;
    }

    /** Solves E b = 1 (E's rows: translated extreme points) by Gaussian elimination; a_i = 1 / b_i, or null. */
    static double[] hyperplaneIntercepts(double[][] f, int[] extremes, double[] ideal) {
        double[][] ev = new double[extremes.length][];
        for (int j = 0; j < ev.length; j++) {
            ev[j] = f[extremes[j]];
        }
        return hyperplaneIntercepts(ev, ideal);
    }

    static double[] hyperplaneIntercepts(double[][] ev, double[] ideal) {
        int m = ideal.length;
        double[][] a = new double[m][m + 1];
        for (int r = 0; r < m; r++) {
            for (int c = 0; c < m; c++) {
                a[r][c] = ev[r][c] - ideal[c];
            }
            a[r][m] = 1.0;
        }
        double[][] e = new double[m][];
        for (int r = 0; r < m; r++) {
            e[r] = Arrays.copyOf(a[r], m);
        }
        for (int col = 0; col < m; col++) {
            int pivot = col;
            for (int r = col + 1; r < m; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            if (Math.abs(a[pivot][col]) < SINGULAR) {
                return null;
            }
            double[] tmp = a[col];
            a[col] = a[pivot];
            a[pivot] = tmp;
            for (int r = 0; r < m; r++) {
                if (r != col) {
                    double factor = a[r][col] / a[col][col];
                    for (int c = col; c <= m; c++) {
                        a[r][c] -= factor * a[col][c];
                    }
                }
            }
        }
        double[] b = new double[m];
        for (int i = 0; i < m; i++) {
            b[i] = a[i][m] / a[i][i];
        }
        for (int r = 0; r < m; r++) {
            double dot = 0;
            for (int c = 0; c < m; c++) {
                dot += e[r][c] * b[c];
            }
            if (!(Math.abs(dot - 1.0) <= RESIDUAL)) {
                return null;
            }
        }
        double[] intercepts = new double[m];
        for (int i = 0; i < m; i++) {
            intercepts[i] = 1.0 / b[i];
            if (!Double.isFinite(intercepts[i]) || !(intercepts[i] > MIN_INTERCEPT)) {
                return null;
            }
        }
        return intercepts;
    }

    /** The normalised objective vector of {@code point}. */
    public double[] normalise(double[] point) {
        double[] out = new double[point.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (point[i] - ideal[i]) / intercepts[i];
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Normalization n && Arrays.equals(ideal, n.ideal) && Arrays.equals(intercepts, n.intercepts)
                && Arrays.equals(extremes, n.extremes) && fallback == n.fallback;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(intercepts);
    }

    @Override
    public String toString() {
        return "Normalization[ideal=" + Arrays.toString(ideal) + ", intercepts=" + Arrays.toString(intercepts)
                + ", extremes=" + Arrays.toString(extremes) + ", fallback=" + fallback + "]";
    }
}
