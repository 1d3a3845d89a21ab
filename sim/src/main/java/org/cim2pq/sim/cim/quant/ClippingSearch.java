package org.cim2pq.sim.cim.quant;

import java.util.function.DoubleFunction;
import java.util.function.ToDoubleFunction;

/**
 * Chooses a quantizer's clipping range from samples. The MSE search scans clipping ratios of the largest magnitude
 * on a geometric grid {@code RATIO_STEP^i}, {@code i < RATIO_COUNT} (1.0 down to about 0.05): fine where clipping
 * matters at high precision, and reaching the small ratios that low precisions prefer.
 */
public final class ClippingSearch {

    /** Ratio between consecutive candidate clipping ratios. */
    public static final double RATIO_STEP = 0.97;
    /** Number of candidate clipping ratios. */
    public static final int RATIO_COUNT = 100;

    private ClippingSearch() {}

    /** Largest |x|. */
    public static float maxAbs(float[] samples) {
        float m = 0;
        for (float v : samples) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /**
     * The clip in {@code (0, maxAbs]} whose quantizer (built by {@code quantizerOf}) has the least mean squared
     * error on {@code samples}. Ties keep the larger clip.
     */
    public static float mseOptimalClip(float[] samples, DoubleFunction<UniformQuantizer> quantizerOf) {
        return leastError(maxAbs(samples), quantizerOf, q -> {
            double error = 0;
            for (float v : samples) {
                double d = v - q.apply(v);
                error += d * d;
            }
            return error;
        });
    }

    /**
     * The clip in {@code (0, counts.max()]} whose quantizer has the least mean squared error of the recombined outputs
     * {@code sum_t coefficient_t * Q(count_t)} against the exact {@code sum_t coefficient_t * count_t}, on the grid of
     * {@link #mseOptimalClip}. Ties keep the larger clip.
     */
    public static float outputMseOptimalClip(ColumnCounts counts, DoubleFunction<UniformQuantizer> quantizerOf) {
        float[] c = counts.counts();
        double[] coef = counts.coefficients();
        int terms = counts.terms();
        return leastError(counts.max(), quantizerOf, q -> {
            double error = 0;
            for (int out = 0; out < c.length; out += terms) {
                double d = 0;
                for (int t = 0; t < terms; t++) {
                    d += coef[t] * (c[out + t] - q.apply(c[out + t]));
                }
                error += d * d;
            }
            return error;
        });
    }

    /**
     * {@link #outputMseOptimalClip(ColumnCounts, DoubleFunction)} for the part of each output that the terms
     * {@code t} with {@code terms[t]} contribute (e.g. one weight slice's), the other terms left out.
     */
    public static float outputMseOptimalClip(ColumnCounts counts, boolean[] terms,
                                             DoubleFunction<UniformQuantizer> quantizerOf) {
        float max = 0;
        float[] c = counts.counts();
        for (int i = 0; i < c.length; i++) {
            if (terms[i % terms.length]) {
                max = Math.max(max, c[i]);
            }
        }
        return leastError(max, quantizerOf, q -> outputError(counts, terms, q));
    }

    /** The squared error of {@code q} on the part of each output that the terms with {@code terms[t]} contribute. */
    public static double outputError(ColumnCounts counts, boolean[] terms, UniformQuantizer q) {
        float[] c = counts.counts();
        double[] coef = counts.coefficients();
        int n = counts.terms();
        if (terms.length != n) {
            throw new IllegalArgumentException(terms.length + " term flags for " + n + " terms");
        }
        double error = 0;
        for (int out = 0; out < c.length; out += n) {
            double d = 0;
            for (int t = 0; t < n; t++) {
                if (terms[t]) {
                    d += coef[t] * (c[out + t] - q.apply(c[out + t]));
                }
            }
            error += d * d;
        }
        return error;
    }

    /** The clip of the ratio grid below {@code max} whose quantizer has the least {@code error}; ties keep the larger. */
    private static float leastError(float max, DoubleFunction<UniformQuantizer> quantizerOf,
                                    ToDoubleFunction<UniformQuantizer> error) {
        if (max == 0) {
            return 0;
        }
        float best = max;
        double bestError = Double.POSITIVE_INFINITY;
        double ratio = 1.0;
        for (int i = 0; i < RATIO_COUNT; i++, ratio *= RATIO_STEP) {
            float clip = (float) (max * ratio);
            double e = error.applyAsDouble(quantizerOf.apply(clip));
            if (e < bestError) {
                bestError = e;
                best = clip;
            }
        }
        return best;
    }

    /** {@code max(|mean - k sigma|, |mean + k sigma|)}, capped at the largest magnitude. */
    public static float meanKSigmaClip(float[] samples, double k) {
        if (samples.length == 0) {
            return 0;
        }
        double sum = 0;
        double sumSq = 0;
        for (float v : samples) {
            sum += v;
            sumSq += (double) v * v;
        }
        double mean = sum / samples.length;
        double sigma = Math.sqrt(Math.max(0, sumSq / samples.length - mean * mean));
        double clip = Math.max(Math.abs(mean - k * sigma), Math.abs(mean + k * sigma));
        return (float) Math.min(clip, maxAbs(samples));
    }

    /** The clip {@code method} chooses. */
    public static float clip(CalibrationMethod method, float[] samples, double sigmas,
                             DoubleFunction<UniformQuantizer> quantizerOf) {
        return switch (method) {
            case MSE -> mseOptimalClip(samples, quantizerOf);
            case MIN_MAX -> maxAbs(samples);
            case MEAN_K_SIGMA -> meanKSigmaClip(samples, sigmas);
        };
    }
}
