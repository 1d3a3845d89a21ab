package org.cim2pq.sim.cim.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.cim2pq.sim.cim.quant.TilePrecisions;

/**
 * The core of {@code bench eval}: times a plain FP forward pass of the evaluation batch against full evaluations
 * at {@code psum} and {@code bitserial} fidelity, on any network, and psum on the native kernel against psum on the
 * DJL path. Runs alternate (FP, psum, DJL psum, FP, ...) so load from other processes hits all alike, and the
 * median is reported. Full evaluations clear the prefix cache first;
 * the reuse figure evaluates single-tile mutations of the strategy, as a search does.
 */
public final class EvaluationBenchmark {

    private EvaluationBenchmark() {}

    /**
     * Timings, seconds per evaluation of the whole batch.
     *
     * @param images evaluation images
     * @param fpSeconds median FP forward
     * @param psumSeconds median psum evaluation without reuse
     * @param bitserialSeconds median bitserial evaluation (NaN if not run)
     * @param mutationSeconds median psum evaluation of a one-tile mutation, with prefix reuse
     * @param repeats timed repeats per figure
     * @param fpBestSeconds fastest FP forward
     * @param psumBestSeconds fastest psum evaluation without reuse
     * @param kernels which implementation ran the quantized layers ({@code native} or {@code djl})
     * @param djlPsumSeconds median psum evaluation on the DJL path (NaN if not run)
     * @param djlSameResults whether the DJL path gave the same objectives and metrics, times aside (false if not
     *        run)
     */
    public record Result(int images, double fpSeconds, double psumSeconds, double bitserialSeconds,
                         double mutationSeconds, int repeats, double fpBestSeconds, double psumBestSeconds,
                         String kernels, double djlPsumSeconds, boolean djlSameResults) {

        /**
         * The figures; the ratio of the fastest runs is printed too because on a shared or virtual machine the FP
         * pass alone can vary 2-3x between repeats, which moves the ratio of medians.
         */
        public String report() {
            String djl = Double.isNaN(djlPsumSeconds) ? "" : String.format(Locale.ROOT,
                    "psum on the DJL path=%.4fs djl/%s=%.2f, same objectives and metrics: %s%n", djlPsumSeconds,
                    kernels, djlPsumSeconds / psumSeconds, djlSameResults ? "yes" : "NO");
            return String.format(Locale.ROOT, "images=%d repeats=%d kernels=%s fp=%.4fs psum=%.4fs"
                            + " bitserial=%.4fs%n"
                            + "psum/fp=%.2f bitserial/fp=%.2f%n"
                            + "fastest: fp=%.4fs psum=%.4fs psum/fp=%.2f%n"
                            + "%s"
                            + "evaluations/s: psum %.2f, psum with prefix reuse (one-tile mutations) %.2f,"
                            + " bitserial %.3f%n", images, repeats, kernels, fpSeconds, psumSeconds,
                    bitserialSeconds, psumSeconds / fpSeconds, bitserialSeconds / fpSeconds, fpBestSeconds,
                    psumBestSeconds, psumBestSeconds / fpBestSeconds, djl, 1 / psumSeconds, 1 / mutationSeconds,
                    1 / bitserialSeconds);
        }
    }

    /**
     * @param psum an evaluator at psum fidelity
     * @param djlPsum an evaluator at psum fidelity on the DJL path, same network and batch, or null to skip
     * @param bitserial an evaluator at bitserial fidelity on the same batch, or null to skip
     * @param strategy the strategy evaluated
     * @param repeats timed repeats (after one warm-up each)
     * @param bitserialRepeats timed bitserial repeats (it is much slower)
     */
    public static Result run(CimEvaluator psum, CimEvaluator djlPsum, CimEvaluator bitserial,
                             List<TilePrecisions> strategy, int repeats, int bitserialRepeats) {
        psum.floatLogits();
        psum.clearActivationCache();
        Evaluation reference = psum.evaluate(strategy);
        boolean same = false;
        if (djlPsum != null) {
            Evaluation other = djlPsum.evaluate(strategy);
            same = other.objectives().equals(reference.objectives())
                    && withoutTimes(other.metrics()).equals(withoutTimes(reference.metrics()));
        }
        double[] fp = new double[repeats];
        double[] ps = new double[repeats];
        double[] dj = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            psum.floatLogits();
            long t1 = System.nanoTime();
            psum.clearActivationCache();
            long t2 = System.nanoTime();
            psum.evaluate(strategy);
            long t3 = System.nanoTime();
            fp[i] = (t1 - t0) / 1e9;
            ps[i] = (t3 - t2) / 1e9;
            if (djlPsum != null) {
                djlPsum.clearActivationCache();
                long t4 = System.nanoTime();
                djlPsum.evaluate(strategy);
                dj[i] = (System.nanoTime() - t4) / 1e9;
            }
        }
        Random rnd = new Random(1);
        double[] mut = new double[repeats];
        List<TilePrecisions> current = new ArrayList<>(strategy);
        for (int i = 0; i < repeats; i++) {
            int tile = rnd.nextInt(current.size());
            TilePrecisions p = current.get(tile);
            int bits = Math.max(2, p.inputBits() - 1 - rnd.nextInt(2));
            current.set(tile, new TilePrecisions(bits, p.weightBits(), p.psumBits()));
            long t0 = System.nanoTime();
            psum.evaluate(current);
            mut[i] = (System.nanoTime() - t0) / 1e9;
        }
        double bs = Double.NaN;
        if (bitserial != null && bitserialRepeats > 0) {
            bitserial.evaluate(strategy); // warm-up, and the one-time bit-serial ADC calibration
            double[] b = new double[bitserialRepeats];
            for (int i = 0; i < bitserialRepeats; i++) {
                bitserial.clearActivationCache();
                long t0 = System.nanoTime();
                bitserial.evaluate(strategy);
                b[i] = (System.nanoTime() - t0) / 1e9;
            }
            bs = median(b);
        }
        return new Result(psum.evaluationImages(), median(fp), median(ps), bs, median(mut), repeats,
                Arrays.stream(fp).min().orElseThrow(), Arrays.stream(ps).min().orElseThrow(),
                psum.usesNativeKernels() ? "native" : "djl", djlPsum == null ? Double.NaN : median(dj), same);
    }

    /** The metrics that do not measure time ({@code eval.seconds}): what two implementations must agree on. */
    private static java.util.Map<String, Double> withoutTimes(java.util.Map<String, Double> metrics) {
        java.util.Map<String, Double> kept = new java.util.TreeMap<>(metrics);
        kept.keySet().removeIf(k -> k.endsWith(".seconds"));
        return kept;
    }

    /** A uniform strategy for {@code evaluator}. */
    public static List<TilePrecisions> uniform(CimEvaluator evaluator, TilePrecisions p) {
        return Collections.nCopies(evaluator.tiling().tiles().size(), p);
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
