package org.cim2pq.engine.problem;

/**
 * DTLZ1-DTLZ4 (Deb, Thiele, Laumanns, Zitzler 2005) for any number of objectives M, with n = M + k - 1 variables in
 * [0, 1]: k = 5 for DTLZ1 and k = 10 for DTLZ2-4 (the setting of Deb and Jain 2014), DTLZ4's alpha = 100.
 *
 * <p>True fronts: DTLZ1's is the simplex sum f = 0.5; DTLZ2-4's is the unit sphere's positive orthant.
 */
public record Dtlz(int variant, int numberOfObjectives, int k) implements RealProblem {

    /** DTLZ4's meta-variable exponent. */
    public static final double DTLZ4_ALPHA = 100.0;

    public Dtlz {
        if (variant < 1 || variant > 4) {
            throw new IllegalArgumentException("DTLZ variant 1..4: " + variant);
        }
        if (numberOfObjectives < 2 || k < 1) {
            throw new IllegalArgumentException("M >= 2 and k >= 1 required");
        }
    }

    /** DTLZ{variant} with M objectives and the standard k (5 for DTLZ1, 10 otherwise). */
    public static Dtlz of(int variant, int objectives) {
        return new Dtlz(variant, objectives, variant == 1 ? 5 : 10);
    }

    /** "DTLZ1" .. "DTLZ4" (case-insensitive) with M objectives. */
    public static Dtlz parse(String name, int objectives) {
        String n = name.trim().toUpperCase();
        if (!n.matches("DTLZ[1-4]")) {
            throw new IllegalArgumentException("unknown problem " + name + " (DTLZ1..DTLZ4)");
        }
        return of(n.charAt(4) - '0', objectives);
    }

    @Override
    public String name() {
        return "DTLZ" + variant;
    }

    @Override
    public int numberOfVariables() {
        return numberOfObjectives + k - 1;
    }

    @Override
    public double lowerBound(int variable) {
        return 0.0;
    }

    @Override
    public double upperBound(int variable) {
        return 1.0;
    }

    @Override
    public double[] evaluate(double[] x) {
        int m = numberOfObjectives;
        int n = numberOfVariables();
        if (x.length != n) {
            throw new IllegalArgumentException("DTLZ" + variant + " needs " + n + " variables, got " + x.length);
        }
        double g = 0;
        if (variant == 1 || variant == 3) {
            for (int i = m - 1; i < n; i++) {
                double d = x[i] - 0.5;
                g += d * d - Math.cos(20.0 * Math.PI * d);
            }
            g = 100.0 * (k + g);
        } else {
            for (int i = m - 1; i < n; i++) {
                double d = x[i] - 0.5;
                g += d * d;
            }
        }
        double[] f = new double[m];
        if (variant == 1) {
            for (int i = 0; i < m; i++) {
                double v = 0.5 * (1.0 + g);
                for (int j = 0; j < m - 1 - i; j++) {
                    v *= x[j];
                }
                if (i > 0) {
                    v *= 1.0 - x[m - 1 - i];
                }
                f[i] = v;
            }
            return f;
        }
        double[] theta = new double[m - 1];
        for (int j = 0; j < m - 1; j++) {
            double xj = variant == 4 ? Math.pow(x[j], DTLZ4_ALPHA) : x[j];
            theta[j] = xj * Math.PI / 2.0;
        }
        for (int i = 0; i < m; i++) {
            double v = 1.0 + g;
            for (int j = 0; j < m - 1 - i; j++) {
                v *= Math.cos(theta[j]);
            }
            if (i > 0) {
                v *= Math.sin(theta[m - 1 - i]);
            }
            f[i] = v;
        }
        return f;
    }

    /**
     * The true-front target points used by Deb and Jain's IGD: for each reference direction w (on the unit simplex),
     * the intersection of the ray through w with the true front (0.5 w for DTLZ1, w / |w| for DTLZ2-4).
     */
    public double[][] trueFrontTargets(double[][] referenceDirections) {
        double[][] t = new double[referenceDirections.length][];
        for (int r = 0; r < t.length; r++) {
            double[] w = referenceDirections[r];
            double scale;
            if (variant == 1) {
                double sum = 0;
                for (double v : w) {
                    sum += v;
                }
                scale = 0.5 / sum;
            } else {
                double norm = 0;
                for (double v : w) {
                    norm += v * v;
                }
                scale = 1.0 / Math.sqrt(norm);
            }
            t[r] = new double[w.length];
            for (int i = 0; i < w.length; i++) {
                t[r][i] = w[i] * scale;
            }
        }
        return t;
    }
}
