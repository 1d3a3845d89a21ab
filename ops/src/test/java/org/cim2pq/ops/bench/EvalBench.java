package org.cim2pq.ops.bench;

import java.util.concurrent.Callable;

import org.cim2pq.sim.cim.eval.CimEvaluator;
import org.cim2pq.sim.cim.eval.EvaluationBenchmark;
import org.cim2pq.sim.cim.inference.ArraywiseInference;
import org.cim2pq.sim.cim.inference.Fidelity;
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

    @Override
    public Integer call() {
        BenchWorkload w = workload.load();
        System.out.printf("# eval bench: model=%s images=%d strategy=uniform-%d java=%s cores=%d%n", workload.model, workload.images,
                bits, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        try (CimEvaluator psum = CimEvaluator.builder().setNetwork(w.network()).setCalibrationImages(w.calibration())
                .setEvaluationImages(w.evaluation(), w.labels()).build();
             CimEvaluator djl = !djlPsum || !psum.usesNativeKernels() ? null : CimEvaluator.builder()
                     .setNetwork(w.network()).setCalibrationImages(w.calibration())
                     .setEvaluationImages(w.evaluation(), w.labels()).optNativeKernels(false).build();
             CimEvaluator bitserial = bitserialRepeats == 0 ? null : CimEvaluator.builder().setNetwork(w.network())
                     .setCalibrationImages(w.calibration()).setEvaluationImages(w.evaluation(), w.labels())
                     .optFidelity(Fidelity.BITSERIAL).build()) {
            if (!psum.usesNativeKernels()) {
                System.out.println("# kernels: " + ArraywiseInference.defaultKernels());
            }
            EvaluationBenchmark.Result r = EvaluationBenchmark.run(psum, djl, bitserial,
                    EvaluationBenchmark.uniform(psum, TilePrecisions.uniform(bits)), repeats, bitserialRepeats);
            System.out.print(r.report());
        }
        return 0;
    }
}
