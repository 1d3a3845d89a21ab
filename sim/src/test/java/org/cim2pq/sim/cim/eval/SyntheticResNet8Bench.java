package org.cim2pq.sim.cim.eval;

import org.cim2pq.sim.cim.SyntheticNetworks;
import org.cim2pq.sim.cim.inference.Fidelity;
import org.cim2pq.sim.cim.quant.TilePrecisions;
import org.cim2pq.sim.network.FoldedNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The eval benchmark on the ResNet-8 topology with random weights and synthetic images (timing does not depend on
 * the weights). Skipped unless {@code -Dcim2pq.bench=true}:
 * {@code mvn -pl sim test -Dtest=SyntheticResNet8Bench -Dcim2pq.bench=true -Dcim2pq.bench.images=1000}.
 */
@EnabledIfSystemProperty(named = "cim2pq.bench", matches = "true")
class SyntheticResNet8Bench {

    @Test
    void evalTiming() {
        int images = Integer.getInteger("cim2pq.bench.images", 1000);
        int repeats = Integer.getInteger("cim2pq.bench.repeats", 7);
        int bitserialRepeats = Integer.getInteger("cim2pq.bench.bitserialRepeats", 1);
        FoldedNetwork net = SyntheticNetworks.resnet8Shape(1);
        float[] calibration = SyntheticNetworks.images(1, 256, 28);
        float[] evaluation = SyntheticNetworks.images(2, images, 28);
        int[] labels = new int[images];
        boolean clipping = Boolean.parseBoolean(System.getProperty("cim2pq.bench.clipping", "true"));
        try (CimEvaluator psum = CimEvaluator.builder().setNetwork(net).setCalibrationImages(calibration)
                .setEvaluationImages(evaluation, labels).optClippingStatistics(clipping).build();
             CimEvaluator bitserial = bitserialRepeats == 0 ? null : CimEvaluator.builder().setNetwork(net)
                     .setCalibrationImages(calibration).setEvaluationImages(evaluation, labels)
                     .optFidelity(Fidelity.BITSERIAL).optClippingStatistics(clipping).build()) {
            System.out.print(psum.tiling().table());
            EvaluationBenchmark.Result r = EvaluationBenchmark.run(psum, null, bitserial,
                    EvaluationBenchmark.uniform(psum, TilePrecisions.uniform(6)), repeats, bitserialRepeats);
            System.out.print("clipping statistics " + clipping + "\n" + r.report());
        }
    }
}
