package org.cim2pq.ops.bench;

import org.cim2pq.ops.cli.UserError;
import org.cim2pq.sim.cim.eval.SyntheticWorkload;
import org.cim2pq.sim.network.FoldedNetwork;

/**
 * The network and images the CIM benches run on. Today only {@code synthetic-resnet8} (the ResNet-8 topology with
 * random weights on synthetic images, labels = the FP network's own predictions); the trained networks
 * ({@code resnet8}, {@code lenet5} on Fashion-MNIST) are wired here once the trained-model loader is on main.
 */
record BenchWorkload(FoldedNetwork network, float[] calibration, float[] evaluation, int[] labels) {

    static final String SYNTHETIC = "synthetic-resnet8";

    /** The workload named {@code model}; a synthetic workload's labels are left for the caller to fill (teacher labels). */
    static BenchWorkload load(String model, int calibrationImages, int evaluationImages) {
        if (!SYNTHETIC.equals(model)) {
            throw new UserError("model '" + model + "' needs the trained-model loader, not yet on this branch;"
                    + " use --model " + SYNTHETIC + " (random weights, timing only)");
        }
        FoldedNetwork net = SyntheticWorkload.resnet8Topology(1);
        return new BenchWorkload(net, SyntheticWorkload.images(1, calibrationImages, 28),
                SyntheticWorkload.images(2, evaluationImages, 28), new int[evaluationImages]);
    }

    boolean synthetic() {
        return network.name().equals(SYNTHETIC);
    }
}
