package org.cim2pq.ops.bench;

import java.util.List;
import java.util.concurrent.Callable;

import org.cim2pq.sim.cim.cost.HardwarePreset;
import org.cim2pq.sim.cim.eval.CimEvaluator;
import org.cim2pq.sim.cim.eval.SyntheticWorkload;
import org.cim2pq.sim.cim.eval.UniformSweep;
import org.cim2pq.sim.cim.inference.Fidelity;
import org.cim2pq.sim.cim.noise.NoiseSetting;
import org.cim2pq.sim.cim.quant.QuantizationConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cim2pq bench accuracy}: top-1 accuracy of the FP network and of uniform 8/6/4/3/2-bit strategies
 * (bIn = bW = bPs), with their energy, latency, area and TOPS/W, on each machine (psum, bitserial) as itself: one
 * table per machine and noise profile, each costed by that machine's cost model.
 */
@Command(name = "accuracy", mixinStandardHelpOptions = true,
        description = "Accuracy of FP and uniform strategies, with their hardware figures.")
public final class AccuracyBench implements Callable<Integer> {

    @Mixin
    WorkloadOptions workload;

    @Option(names = "--bits", split = ",", defaultValue = "8,6,4,3,2",
            description = "Uniform strategies (default: ${DEFAULT-VALUE}).")
    List<Integer> bits;

    @Mixin
    PresetOption preset;

    @Option(names = "--machine", split = ",", defaultValue = "psum,bitserial",
            description = "Machines to simulate and cost, psum and/or bitserial (default: ${DEFAULT-VALUE}).")
    List<String> machines;

    @Option(names = "--noise", split = ",", defaultValue = "ideal,typical-rram",
            description = "Noise profiles, one table each per machine (default: ${DEFAULT-VALUE}).")
    List<String> noises;

    @Mixin
    NoiseOption noise;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--per-column-weight-scales", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "One weight scale per output channel instead of per tile (default: ${DEFAULT-VALUE}).")
    boolean perColumnWeightScales;

    @Option(names = "--output-weighted-adc", negatable = true, defaultValue = "false", fallbackValue = "true",
            description = "Calibrate the bit-serial ADC for the error of the outputs, not of the raw column counts "
                    + "(default: ${DEFAULT-VALUE}).")
    boolean outputWeightedAdc;

    @Option(names = "--per-slice-adc", negatable = true, defaultValue = "false", fallbackValue = "true",
            description = "A bit-serial ADC range per weight slice, steps a power of two apart, instead of one per tile "
                    + "(default: ${DEFAULT-VALUE}; sim API and this bench only, not on search).")
    boolean perSliceAdc;

    @Option(names = "--quantized-psum-calibration", negatable = true, defaultValue = "false", fallbackValue = "true",
            description = "Calibrate the psum ADC on the partial sums of its quantized inputs and weights, not on FP "
                    + "partial sums (default: ${DEFAULT-VALUE}).")
    boolean quantizedPsumCalibration;

    @Option(names = "--scales", split = ",", defaultValue = "tile",
            description = "Scale granularity, one table each: tile (every array its own input, weight and ADC scales, "
                    + "CIM2PQ) and/or layer (one per layer, the layerwise baseline) (default: ${DEFAULT-VALUE}).")
    List<String> scales;

    @Option(names = "--fold-input", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Fold the input normalisation into the first layer, so its DAC takes unsigned 8-bit pixel "
                    + "codes (default: ${DEFAULT-VALUE}).")
    boolean foldInput;

    @Override
    public Integer call() {
        HardwarePreset hardware = preset.preset();
        List<Fidelity> fidelities = machines.stream().map(this::machine).toList();
        List<NoiseSetting> settings = noise.settings(noises);
        BenchWorkload w = workload.load();
        int[] labels = w.labels();
        if (w.synthetic()) {
            try (CimEvaluator teacher = CimEvaluator.builder().setNetwork(w.network())
                    .setCalibrationImages(w.calibration()).setEvaluationImages(w.evaluation(), labels).build()) {
                labels = SyntheticWorkload.teacherLabels(teacher.floatLogits(), 10);
            }
            System.out.println("# synthetic workload: accuracy = agreement with the FP network's predictions");
        }
        List<Boolean> perLayer = scales.stream().map(this::perLayer).toList();
        if (foldInput && w.normalization() == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--fold-input needs images of a data set");
        }
        System.out.printf("# accuracy bench: model=%s images=%d preset=%s per-column-weight-scales=%s "
                + "output-weighted-adc=%s per-slice-adc=%s quantized-psum-calibration=%s fold-input=%s noise-draws=%d "
                + "noise-seed=%d%n", workload.model, workload.images, hardware.name(), perColumnWeightScales,
                outputWeightedAdc, perSliceAdc, quantizedPsumCalibration, foldInput, noise.draws, noise.seed);
        boolean first = true;
        for (boolean layerScales : perLayer) {
            QuantizationConfig quantization = QuantizationConfig.builder().optPerColumnWeightScales(perColumnWeightScales)
                    .optOutputWeightedBitserialAdc(outputWeightedAdc)
                    .optQuantizedPartialSumCalibration(quantizedPsumCalibration).optPerSliceBitserialAdc(perSliceAdc)
                    .optLayerScales(layerScales).build();
            for (Fidelity machine : fidelities) {
                String name = machine.name().toLowerCase(java.util.Locale.ROOT);
                for (NoiseSetting setting : settings) {
                    try (CimEvaluator e = CimEvaluator.builder().setNetwork(w.network())
                            .setCalibrationImages(w.calibration()).setEvaluationImages(w.evaluation(), labels)
                            .optQuantization(quantization).optFidelity(machine).optPreset(hardware).optNoise(setting)
                            .optFoldInputNormalization(foldInput ? w.normalization() : null).build()) {
                        if (first) {
                            System.out.print(e.tiling().table());
                            first = false;
                        }
                        System.out.printf("# machine %s (simulated and costed as itself), noise %s%s, scales per %s%n",
                                name, setting.profile().name(), setting.isIdeal() ? ""
                                        : " (" + setting.draws() + " draws: top-1 is their mean, sd their spread)",
                                layerScales ? "layer" : "tile");
                        System.out.print(UniformSweep.table(UniformSweep.run(e, bits.stream().mapToInt(Integer::intValue)
                                .toArray())));
                    }
                }
            }
        }
        return 0;
    }

    private boolean perLayer(String name) {
        return switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "tile" -> false;
            case "layer" -> true;
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "--scales must be tile or layer, got '" + name + "'");
        };
    }

    private Fidelity machine(String name) {
        return switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "psum" -> Fidelity.PSUM;
            case "bitserial" -> Fidelity.BITSERIAL;
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "--machine must be psum or bitserial, got '" + name + "'");
        };
    }
}
