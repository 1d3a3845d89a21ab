package org.cim2pq.sim.cim.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.util.Collections;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.cim2pq.sim.cim.array.ArrayConfig;
import org.cim2pq.sim.cim.array.NetworkTiling;
import org.cim2pq.sim.cim.quant.QuantizationConfig;
import org.cim2pq.sim.cim.quant.TileCalibration;
import org.cim2pq.sim.cim.quant.TilePrecisions;
import org.cim2pq.sim.data.DatasetCatalog;
import org.cim2pq.sim.data.ImageSet;
import org.cim2pq.sim.data.Normalization;
import org.cim2pq.sim.data.SeededSubsets;
import org.cim2pq.sim.models.TrainedModel;
import org.cim2pq.sim.models.TrainedModels;
import org.cim2pq.sim.network.FoldedNetwork;
import org.junit.jupiter.api.Test;

/**
 * The psum machine and the bitserial machine on the shipped LeNet-5 (Fashion-MNIST, 500 seeded test images): with
 * lossless ADCs both compute the exact integer partial sums, so their logits are equal bit for bit; at 8-bit
 * inputs, weights and ADCs each stays within a point of FP accuracy and within a point of the other. A wrong
 * recombination, slice or ADC in either machine breaks one of the two.
 */
class MachinesAgreeTest {

    static final int IMAGES = 500;

    @Test
    void psumAndBitserialMachinesAgreeOnTheShippedLeNet() {
        DatasetCatalog catalog = DatasetCatalog.byId("fashion-mnist");
        assumeTrue(Files.isDirectory(catalog.defaultDir()), "dataset-fashion-mnist is not installed");
        FoldedNetwork network;
        try (TrainedModel m = TrainedModels.load("lenet5", "fashion-mnist")) {
            network = m.fold();
        }
        ImageSet calibrationSet = SeededSubsets.calibration(catalog.train(catalog.defaultDir()), 256, 7);
        ImageSet test = SeededSubsets.evaluation(catalog.test(catalog.defaultDir()), IMAGES, 7);
        Normalization n = catalog.normalization();
        int[] shape = network.inputShape();
        try (NDManager manager = NDManager.newBaseManager()) {
            NetworkTiling tiling = NetworkTiling.of(network, ArrayConfig.defaults());
            FloatInference fp = new FloatInference(network, manager);
            NDArray calibration = manager.create(n.normalize(calibrationSet, 0, calibrationSet.size()),
                    new Shape(calibrationSet.size(), shape[0], shape[1], shape[2]));
            NDArray images = manager.create(n.normalize(test, 0, test.size()),
                    new Shape(test.size(), shape[0], shape[1], shape[2]));
            CalibrationRun run = CalibrationRun.record(fp, tiling, QuantizationConfig.defaults(), calibration, manager);
            TileCalibration tiles = new TileCalibration(network, tiling, QuantizationConfig.defaults(), run.samples());
            double fpAccuracy = accuracy(fp.forward(images), test.labels());
            try (ArraywiseInference psum = new ArraywiseInference(network, tiles, run, Fidelity.PSUM, false, manager);
                 ArraywiseInference bitserial = new ArraywiseInference(network, tiles, run, Fidelity.BITSERIAL, false,
                         manager)) {
                List<TilePrecisions> lossless = Collections.nCopies(tiling.tiles().size(), TilePrecisions.lossless(8, 8));
                assertArrayEquals(psum.forward(images, lossless, null).toFloatArray(),
                        bitserial.forward(images, lossless, null).toFloatArray(), 0f,
                        "lossless ADCs: both machines compute the exact partial sums");
                List<TilePrecisions> eight = Collections.nCopies(tiling.tiles().size(), TilePrecisions.uniform(8));
                double a = accuracy(psum.forward(images, eight, null), test.labels());
                double b = accuracy(bitserial.forward(images, eight, null), test.labels());
                assertTrue(Math.abs(a - b) <= 0.01, "8 bits: psum " + a + " and bitserial " + b + " within a point");
                assertTrue(a >= fpAccuracy - 0.01 && b >= fpAccuracy - 0.01,
                        "8 bits: psum " + a + " and bitserial " + b + " within a point of FP " + fpAccuracy);
                assertEquals(IMAGES, test.size());
            }
        }
    }

    private static double accuracy(NDArray logits, int[] labels) {
        long[] predicted = logits.argMax(1).toLongArray();
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            correct += predicted[i] == labels[i] ? 1 : 0;
        }
        return (double) correct / labels.length;
    }
}
