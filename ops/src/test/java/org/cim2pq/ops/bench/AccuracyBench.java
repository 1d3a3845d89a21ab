package org.cim2pq.ops.bench;

import java.util.List;
import java.util.concurrent.Callable;

import org.cim2pq.sim.cim.cost.CostModel;
import org.cim2pq.sim.cim.cost.HardwarePreset;
import org.cim2pq.sim.cim.eval.CimEvaluator;
import org.cim2pq.sim.cim.eval.SyntheticWorkload;
import org.cim2pq.sim.cim.eval.UniformSweep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cim2pq bench accuracy}: top-1 accuracy of the FP network and of uniform 8/6/4/3/2-bit strategies (psum
 * fidelity, bIn = bW = bPs), with their energy, latency, area and TOPS/W.
 */
@Command(name = "accuracy", mixinStandardHelpOptions = true,
        description = "Accuracy of FP and uniform strategies, with their hardware figures.")
public final class AccuracyBench implements Callable<Integer> {

    @Mixin
    WorkloadOptions workload;

    @Option(names = "--bits", split = ",", defaultValue = "8,6,4,3,2",
            description = "Uniform strategies (default: ${DEFAULT-VALUE}).")
    List<Integer> bits;

    @Option(names = "--preset", defaultValue = "isaac-32nm",
            description = "Cost preset: isaac-32nm or neurosim-sar-22nm (default: ${DEFAULT-VALUE}).")
    String preset;

    @Override
    public Integer call() {
        BenchWorkload w = workload.load();
        int[] labels = w.labels();
        if (w.synthetic()) {
            try (CimEvaluator teacher = CimEvaluator.builder().setNetwork(w.network())
                    .setCalibrationImages(w.calibration()).setEvaluationImages(w.evaluation(), labels).build()) {
                labels = SyntheticWorkload.teacherLabels(teacher.floatLogits(), 10);
            }
            System.out.println("# synthetic workload: accuracy = agreement with the FP network's predictions");
        }
        System.out.printf("# accuracy bench: model=%s images=%d preset=%s%n", workload.model, workload.images, preset);
        try (CimEvaluator e = CimEvaluator.builder().setNetwork(w.network()).setCalibrationImages(w.calibration())
                .setEvaluationImages(w.evaluation(), labels)
                .optCostModel(CostModel.of(HardwarePreset.byName(preset))).build()) {
            System.out.print(e.tiling().table());
            System.out.print(UniformSweep.table(UniformSweep.run(e, bits.stream().mapToInt(Integer::intValue)
                    .toArray())));
        }
        return 0;
    }
}
