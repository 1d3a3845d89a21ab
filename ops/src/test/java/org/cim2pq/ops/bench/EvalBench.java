package org.cim2pq.ops.bench;

import java.util.concurrent.Callable;

import org.cim2pq.sim.cim.eval.CimEvaluator;
import org.cim2pq.sim.cim.eval.EvaluationBenchmark;
import org.cim2pq.sim.cim.inference.ArraywiseInference;
import org.cim2pq.sim.cim.inference.Fidelity;
import org.cim2pq.sim.cim.quant.QuantizationConfig;
import org.cim2pq.sim.cim.noise.NoiseSetting;
import org.cim2pq.sim.cim.quant.TilePrecisions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cim2pq bench eval}: evaluation time of a strategy at psum and bitserial fidelity against a plain DJL FP
 * forward pass of the same batch, in one JVM, interleaved; prints {@code psum/fp} and {@code bitserial/fp} and
 * evaluations per second (full, and with prefix reuse on one-tile mutations); with the native psum kernel, also
 * psum on the DJL path and whether both gave the same results.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluation time: FP forward vs psum vs bitserial fidelity, ratios and evaluations/s.")
public final class EvalBench implements Callable<Integer> {

    @Mixin
    WorkloadOptions workload;

    @Option(names = "--bits", defaultValue = "6", description = "Uniform strategy bIn = bW = bPs (default: ${DEFAULT-VALUE}).")
    int bits;

    @Option(names = "--repeats", defaultValue = "7", description = "Timed repeats (median; default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--bitserial-repeats", defaultValue = "1",
            description = "Timed bitserial repeats, 0 to skip (default: ${DEFAULT-VALUE}).")
    int bitserialRepeats;

    @Option(names = "--djl-psum", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also time psum on the DJL path and check it gives the same results (default: ${DEFAULT-VALUE}).")
    boolean djlPsum;

    @Option(names = "--fold-input", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Fold the input normalisation into the first layer, as a search does by default (trained"
                    + " models only; default: ${DEFAULT-VALUE}).")
    boolean foldInput;

    @Option(names = "--per-column-weight-scales", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "One weight scale per output channel, as a search does by default (default: ${DEFAULT-VALUE}).")
    boolean perColumnWeightScales;

    @Option(names = "--noise", defaultValue = "ideal",
            description = "Also time psum (and bitserial, unless --bitserial-repeats 0) under this noise profile,"
                    + " alternating with the ideal machine (default: ${DEFAULT-VALUE}).")
    String noiseProfile;

    @Mixin
    NoiseOption noise;

    @Override
    public Integer call() {
        NoiseSetting setting = noise.setting(noiseProfile);
        BenchWorkload w = workload.load();
        boolean fold = foldInput && w.normalization() != null;
        System.out.printf("# eval bench: model=%s images=%d strategy=uniform-%d fold-input=%s per-column-weight-scales=%s"
                + " java=%s cores=%d%n", workload.model, workload.images, bits, fold, perColumnWeightScales,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        try (CimEvaluator psum = evaluator(w, fold).build();
             CimEvaluator djl = !djlPsum || !psum.usesNativeKernels() ? null
                     : evaluator(w, fold).optNativeKernels(false).build();
             CimEvaluator bitserial = bitserialRepeats == 0 ? null
                     : evaluator(w, fold).optFidelity(Fidelity.BITSERIAL).build()) {
            if (!psum.usesNativeKernels()) {
                System.out.println("# kernels: " + ArraywiseInference.defaultKernels());
            }
            EvaluationBenchmark.Result r = EvaluationBenchmark.run(psum, djl, bitserial,
                    EvaluationBenchmark.uniform(psum, TilePrecisions.uniform(bits)), repeats, bitserialRepeats);
            System.out.print(r.report());
            if (!setting.isIdeal()) {
                timeNoise(w, fold, Fidelity.PSUM, psum, setting, r.fpSeconds(), Math.max(1, bitserialRepeats));
                if (bitserial != null) {
                    timeNoise(w, fold, Fidelity.BITSERIAL, bitserial, setting, r.fpSeconds(), bitserialRepeats);
                }
            }
        }
        return 0;
    }

    /** The workload's evaluator with the chosen calibration (the search's by default). */
    private CimEvaluator.Builder evaluator(BenchWorkload w, boolean fold) {
        return CimEvaluator.builder().setNetwork(w.network()).setCalibrationImages(w.calibration())
                .setEvaluationImages(w.evaluation(), w.labels())
                .optQuantization(QuantizationConfig.builder().optPerColumnWeightScales(perColumnWeightScales).build())
                .optFoldInputNormalization(fold ? w.normalization() : null);
    }

    /**
     * A machine under noise next to its ideal self, alternating (one warm-up each, then {@code timed} pairs): the cost
     * of the noisy datapath per draw and of a whole noisy evaluation.
     */
    private void timeNoise(BenchWorkload w, boolean fold, Fidelity machine, CimEvaluator ideal, NoiseSetting setting,
                           double fpSeconds, int timed) {
        try (CimEvaluator noisy = evaluator(w, fold).optFidelity(machine).optNoise(setting).build()) {
            var strategy = EvaluationBenchmark.uniform(ideal, TilePrecisions.uniform(bits));
            noisy.evaluate(strategy);
            double[] a = new double[timed];
            double[] b = new double[timed];
            org.cim2pq.sim.cim.eval.Evaluation last = null;
            for (int i = 0; i < timed; i++) {
                ideal.clearActivationCache();
                long t0 = System.nanoTime();
                ideal.evaluate(strategy);
                long t1 = System.nanoTime();
                noisy.clearActivationCache();
                last = noisy.evaluate(strategy);
                long t2 = System.nanoTime();
                a[i] = (t1 - t0) / 1e9;
                b[i] = (t2 - t1) / 1e9;
            }
            java.util.Arrays.sort(a);
            java.util.Arrays.sort(b);
            double ideally = a[a.length / 2];
            double noisily = b[b.length / 2];
            int draws = setting.effectiveDraws();
            System.out.printf(java.util.Locale.ROOT, "noise %s, %d draws: %s ideal=%.4fs noisy=%.4fs (%.4fs per"
                            + " draw) noisy-per-draw/ideal=%.2f noisy-per-draw/fp=%.2f noisy/fp=%.2f;"
                            + " top-1 %.2f%% sd %.2f%% (ideal %.2f%%)%n", setting.profile().name(), draws,
                    machine.name().toLowerCase(java.util.Locale.ROOT), ideally,
                    noisily, noisily / draws, noisily / draws / ideally, noisily / draws / fpSeconds,
                    noisily / fpSeconds, 100 * last.metrics().get("top1.accuracy"),
                    100 * last.metrics().get("top1.accuracy.std"),
                    100 * ideal.evaluate(strategy).metrics().get("top1.accuracy"));
        }
    }
}
