package org.cim2pq.engine.selection;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * NSGA-III's survival step exactly as Deb and Jain 2014 (IEEE TEVC 18(4), Algorithms 1-4): non-dominated sort of
 * the 2N candidates; S_t = the fronts up to the one (F_l) that reaches N; if |S_t| = N they all survive, else the
 * fronts before F_l survive and the remaining K come from F_l by niching: objectives normalised over S_t
 * ({@link Normalization}); every member of S_t associated with the reference line nearest by perpendicular
 * distance; niche counts rho_j over the already chosen members; repeatedly a reference point with the smallest
 * rho_j (random among ties) takes the F_l member closest to its line if rho_j = 0, a random one otherwise, and a
 * reference point with no F_l member left is excluded for the rest of the generation.
 *
 * <p>Index-level and allocation-light for speed: candidates are rows of {@code f}, decisions refer to row indices.
 * Random draws come only from the given stream and only from the niching step, in a fixed order, so the outcome is
 * a pure function of (f, n, reference points, stream). Differences from jMetal 6.6: see {@link Normalization}.
 */
public final class Nsga3Survival {

    private final ReferencePoints referencePoints;
    private final double[][] unitDirections;

    public Nsga3Survival(ReferencePoints referencePoints) {
        this.referencePoints = referencePoints;
        double[][] w = referencePoints.points();
        this.unitDirections = new double[w.length][];
        for (int r = 0; r < w.length; r++) {
            double norm = 0;
            for (double v : w[r]) {
                norm += v * v;
            }
            norm = Math.sqrt(norm);
            unitDirections[r] = new double[w[r].length];
            for (int i = 0; i < w[r].length; i++) {
                unitDirections[r][i] = w[r][i] / norm;
            }
        }
    }

    public ReferencePoints referencePoints() {
        return referencePoints;
    }

    /** Chooses {@code n} survivors among the rows of {@code f} (all minimised), ideal point from S_t alone. */
    public SurvivalOutcome select(double[][] f, int n, SplittableRandom random) {
        return select(f, n, random, null);
    }

    /**
     * Chooses {@code n} survivors among the rows of {@code f} (all minimised); {@code earlierIdeal} is the ideal point
     * of the earlier generations (null for none), see {@link Normalization}.
     */
    public SurvivalOutcome select(double[][] f, int n, SplittableRandom random, double[] earlierIdeal) {
        return select(f, n, random, NondominatedSorting.sort(f), earlierIdeal);
    }

    /** As {@link #select(double[][], int, SplittableRandom, double[])} with the fronts already computed. */
    public SurvivalOutcome select(double[][] f, int n, SplittableRandom random, Fronts fronts, double[] earlierIdeal) {
        return select(f, n, random, fronts, earlierIdeal, null);
    }

    /**
     * As {@link #select(double[][], int, SplittableRandom, double[])} with the previous generation's extreme points
     * ({@code earlierExtremes}, from its {@link Normalization#extremePoints()}; null: none), see {@link Normalization}.
     */
    public SurvivalOutcome select(double[][] f, int n, SplittableRandom random, double[] earlierIdeal,
                                  double[][] earlierExtremes) {
        return select(f, n, random, NondominatedSorting.sort(f), earlierIdeal, earlierExtremes);
    }

    /** As {@link #select(double[][], int, SplittableRandom, double[], double[][])} with the fronts computed. */
    public SurvivalOutcome select(double[][] f, int n, SplittableRandom random, Fronts fronts, double[] earlierIdeal,
                                  double[][] earlierExtremes) {
        int p = f.length;
        int h = unitDirections.length;
        int[] refOf = new int[p];
        double[] dist = new double[p];
        Arrays.fill(refOf, -1);
        Arrays.fill(dist, Double.NaN);
        if (p == 0) {
            return new SurvivalOutcome(new int[0], new int[0], refOf, dist, new int[h], new boolean[0], null);
        }
        // S_t: whole fronts until at least n candidates are in.
        int stSize = 0;
        int last = 0;
        while (last < fronts.count() && stSize + fronts.members()[last].length < n) {
            stSize += fronts.members()[last].length;
            last++;
        }
        int before = stSize; // |P_{t+1}| before niching = size of fronts 0..last-1
        if (last < fronts.count()) {
            stSize += fronts.members()[last].length;
        } else {
            last = fronts.count() - 1; // fewer than n candidates: all of them are S_t
            before = p - fronts.members()[last].length;
        }
        int[] st = new int[stSize];
        int k = 0;
        for (int fr = 0; fr <= last; fr++) {
            for (int s : fronts.members()[fr]) {
                st[k++] = s;
            }
        }
        Normalization norm = Normalization.of(f, st, fronts.members()[0], earlierIdeal, earlierExtremes);
        associate(f, st, norm, refOf, dist);

        int[] survivors;
        if (stSize <= n) {
            survivors = st;
        } else {
            survivors = Arrays.copyOf(st, n);
            int[] rho = new int[h];
            for (int i = 0; i < before; i++) {
                rho[refOf[st[i]]]++;
            }
            niche(st, before, n - before, refOf, dist, rho, random, survivors);
        }
        int[] nicheCount = new int[h];
        for (int s : survivors) {
            nicheCount[refOf[s]]++;
        }
        return new SurvivalOutcome(survivors, fronts.rank().clone(), refOf, dist, nicheCount, new boolean[p], norm);
    }

    /** Deb and Jain's Algorithm 3: nearest reference line by perpendicular distance (lowest index on a tie). */
    private void associate(double[][] f, int[] st, Normalization norm, int[] refOf, double[] dist) {
        double[] ideal = norm.ideal();
        double[] intercepts = norm.intercepts();
        int m = ideal.length;
        double[] x = new double[m];
        for (int s : st) {
            double sq = 0;
            for (int i = 0; i < m; i++) {
                x[i] = (f[s][i] - ideal[i]) / intercepts[i];
                sq += x[i] * x[i];
            }
            int best = -1;
            double bestD = Double.POSITIVE_INFINITY;
            for (int r = 0; r < unitDirections.length; r++) {
                double[] u = unitDirections[r];
                double dot = 0;
                for (int i = 0; i < m; i++) {
                    dot += u[i] * x[i];
                }
                double d = sq - dot * dot; // squared perpendicular distance to the line through u
                if (d < bestD) {
                    bestD = d;
                    best = r;
                }
            }
            refOf[s] = best;
            dist[s] = Math.sqrt(Math.max(0.0, bestD));
        }
    }

    /** Deb and Jain's Algorithm 4: fills survivors[before..] with {@code k} members of the last front F_l. */
    private void niche(int[] st, int before, int k, int[] refOf, double[] dist, int[] rho, SplittableRandom random,
                       int[] survivors) {
        int h = rho.length;
        // Members of F_l per reference point, in ascending candidate index.
        int[] counts = new int[h];
        for (int i = before; i < st.length; i++) {
            counts[refOf[st[i]]]++;
        }
        int[][] members = new int[h][];
        for (int r = 0; r < h; r++) {
            members[r] = new int[counts[r]];
        }
        int[] fill = new int[h];
        int[] lastFront = Arrays.copyOfRange(st, before, st.length);
        Arrays.sort(lastFront);
        for (int s : lastFront) {
            int r = refOf[s];
            members[r][fill[r]++] = s;
        }
        boolean[] excluded = new boolean[h];
        int[] ties = new int[h];
        int chosen = before;
        while (chosen < before + k) {
            int min = Integer.MAX_VALUE;
            int nTies = 0;
            for (int r = 0; r < h; r++) {
                if (excluded[r]) {
                    continue;
                }
                if (rho[r] < min) {
                    min = rho[r];
                    nTies = 0;
                }
                if (rho[r] == min) {
                    ties[nTies++] = r;
                }
            }
            int j = nTies == 1 ? ties[0] : ties[random.nextInt(nTies)];
            int left = fill[j];
            if (left == 0) {
                excluded[j] = true;
                continue;
            }
            int pick;
            if (rho[j] == 0) {
                pick = 0;
                for (int i = 1; i < left; i++) {
                    if (dist[members[j][i]] < dist[members[j][pick]]) {
                        pick = i;
                    }
                }
            } else {
                pick = random.nextInt(left);
            }
            survivors[chosen++] = members[j][pick];
            System.arraycopy(members[j], pick + 1, members[j], pick, left - pick - 1);
            fill[j]--;
            rho[j]++;
        }
    }
}
