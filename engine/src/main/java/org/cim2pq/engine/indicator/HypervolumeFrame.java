package org.cim2pq.engine.indicator;

import java.util.Arrays;

/**
 * A fixed normalisation in which a search measures its hypervolume from generation to generation (for progressive
 * adaptive mutation): objectives scaled by (f - ideal) / (nadir - ideal) with ideal and nadir taken once, from the
 * initial population, and reference point {@value #REFERENCE} on every axis. Fixed, so a gain means real progress
 * rather than a moved yardstick; re-derivable from the initial population's evaluations.
 */
public record HypervolumeFrame(double[] ideal, double[] nadir) {

    public static final double REFERENCE = 1.1;

    public HypervolumeFrame {
        ideal = ideal.clone();
        nadir = nadir.clone();
    }

    /** Ideal and nadir of {@code objectives} (an objective with no spread gets a unit range). */
    public static HypervolumeFrame of(double[][] objectives) {
        int m = objectives[0].length;
        double[] lo = new double[m];
        double[] hi = new double[m];
        Arrays.fill(lo, Double.POSITIVE_INFINITY);
        Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        for (double[] f : objectives) {
            for (int i = 0; i < m; i++) {
                lo[i] = Math.min(lo[i], f[i]);
                hi[i] = Math.max(hi[i], f[i]);
            }
        }
        for (int i = 0; i < m; i++) {
            if (!(hi[i] > lo[i])) {
                hi[i] = lo[i] + 1.0;
            }
        }
        return new HypervolumeFrame(lo, hi);
    }

    /** Hypervolume of {@code objectives} in this frame. */
    public double hypervolume(double[][] objectives) {
        int m = ideal.length;
        double[][] scaled = new double[objectives.length][m];
        for (int s = 0; s < objectives.length; s++) {
            for (int i = 0; i < m; i++) {
                scaled[s][i] = (objectives[s][i] - ideal[i]) / (nadir[i] - ideal[i]);
            }
        }
        double[] ref = new double[m];
        Arrays.fill(ref, REFERENCE);
        return Hypervolume.of(scaled, ref);
    }

    @Override
    public double[] ideal() {
        return ideal.clone();
    }

    @Override
    public double[] nadir() {
        return nadir.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HypervolumeFrame h && Arrays.equals(ideal, h.ideal) && Arrays.equals(nadir, h.nadir);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ideal) * 31 + Arrays.hashCode(nadir);
    }
}
