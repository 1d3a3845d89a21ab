package org.cim2pq.ops.bench;

import java.nio.file.Path;

import org.cim2pq.ops.input.UserError;
import org.cim2pq.sim.cim.eval.SyntheticWorkload;
import org.cim2pq.sim.data.DatasetCatalog;
import org.cim2pq.sim.data.ImageSet;
import org.cim2pq.sim.data.Normalization;
import org.cim2pq.sim.data.SeededSubsets;
import org.cim2pq.sim.models.TrainedModel;
import org.cim2pq.sim.models.TrainedModels;
import org.cim2pq.sim.network.FoldedNetwork;

/**
 * The network and images the CIM benches run on: a shipped trained model ({@code lenet5}, {@code resnet8}) with
 * the method's seeded calibration (training) and evaluation (test) subsets, or {@code synthetic-resnet8} (the
 * ResNet-8 topology with random weights on synthetic images, labels left for the caller: timing only). The
 * normalisation is the data set's (null for the synthetic workload, whose images are not pixels).
 */
record BenchWorkload(FoldedNetwork network, float[] calibration, float[] evaluation, int[] labels,
                     Normalization normalization) {

    static final String SYNTHETIC = "synthetic-resnet8";
    /** Same subset seed as the search's platform model, so the figures match a search's scoring. */
    static final long SUBSET_SEED = 0;

    static BenchWorkload load(String model, String dataset, Path dataDir, int calibrationImages,
                              int evaluationImages) {
        if (SYNTHETIC.equals(model)) {
            return new BenchWorkload(SyntheticWorkload.resnet8Topology(1),
                    SyntheticWorkload.images(1, calibrationImages, 28),
                    SyntheticWorkload.images(2, evaluationImages, 28), new int[evaluationImages], null);
        }
        FoldedNetwork network;
        try (TrainedModel m = TrainedModels.load(model, dataset)) {
            network = m.fold();
        } catch (RuntimeException e) {
            throw new UserError(e.getMessage());
        }
        DatasetCatalog catalog = DatasetCatalog.byId(dataset);
        Path dir = dataDir != null ? dataDir : catalog.defaultDir();
        ImageSet calibration = SeededSubsets.calibration(catalog.train(dir), calibrationImages, SUBSET_SEED);
        ImageSet evaluation = SeededSubsets.evaluation(catalog.test(dir), evaluationImages, SUBSET_SEED);
        Normalization n = catalog.normalization();
        return new BenchWorkload(network, n.normalize(calibration, 0, calibration.size()),
                n.normalize(evaluation, 0, evaluation.size()), evaluation.labels(), n);
    }

    boolean synthetic() {
        return network.name().equals(SYNTHETIC);
    }
}
