package org.cim2pq.sim.cim.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.cim2pq.sim.cim.array.ArrayConfig;
import org.cim2pq.sim.cim.array.LayerTiling;
import org.cim2pq.sim.cim.array.NetworkTiling;
import org.cim2pq.sim.cim.quant.QuantizationConfig;
import org.cim2pq.sim.cim.quant.TileCalibration;
import org.cim2pq.sim.cim.quant.UniformQuantizer;
import org.cim2pq.sim.data.DatasetCatalog;
import org.cim2pq.sim.data.ImageSet;
import org.cim2pq.sim.data.Normalization;
import org.cim2pq.sim.data.SeededSubsets;
import org.cim2pq.sim.models.TrainedModel;
import org.cim2pq.sim.models.TrainedModels;
import org.cim2pq.sim.network.FoldedNetwork;
import org.cim2pq.sim.network.InputNormalizationFold;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The input normalisation folded into the first layer, on the shipped LeNet-5 and ResNet-8 (Fashion-MNIST, both with
 * a zero-padded first conv): the FP logits do not change (a fold that ignored the border, where the padding of a
 * normalised input is the mean pixel, moves them by far more than the tolerance), the first layer's DAC becomes
 * unsigned and at 8 bits reproduces every pixel code exactly, and at every input width its error in normalised units
 * is below the signed input's.
 */
class InputNormalizationFoldTest {

    static final int IMAGES = 200;

    @ParameterizedTest
    @ValueSource(strings = {"lenet5", "resnet8"})
    void foldedNetworkOnPixelsComputesTheSameLogits(String model) {
        DatasetCatalog catalog = catalog();
        FoldedNetwork network = load(model);
        Normalization n = catalog.normalization();
        ImageSet test = SeededSubsets.evaluation(catalog.test(catalog.defaultDir()), IMAGES, 3);
        float[] normalized = n.normalize(test, 0, test.size());
        InputNormalizationFold fold = InputNormalizationFold.of(network, n);
        FoldedNetwork folded = fold.apply(network);
        assertTrue(folded.nonNegativeInput());
        assertFalse(network.nonNegativeInput());
        float[] pixels = fold.pixels(normalized);
        try (NDManager manager = NDManager.newBaseManager();
             FloatInference plain = new FloatInference(network, manager);
             FloatInference onPixels = new FloatInference(folded, manager)) {
            float[] a = plain.forward(batch(manager, normalized, network)).toFloatArray();
            float[] b = onPixels.forward(batch(manager, pixels, folded)).toFloatArray();
            assertEquals(a.length, b.length);
            double worst = 0;
            double scale = 0;
            for (int i = 0; i < a.length; i++) {
                worst = Math.max(worst, Math.abs(a[i] - b[i]));
                scale = Math.max(scale, Math.abs(a[i]));
            }
            assertTrue(worst <= 1e-4 * scale, model + ": folded logits differ by " + worst + " (largest " + scale + ")");
        }
    }

    @Test
    void firstLayerDacTakesExactPixelCodesAndLosesLessAtEveryWidth() {
        DatasetCatalog catalog = catalog();
        FoldedNetwork network = load("lenet5");
        Normalization n = catalog.normalization();
        ImageSet calibrationSet = SeededSubsets.calibration(catalog.train(catalog.defaultDir()), 256, 3);
        float[] normalized = n.normalize(calibrationSet, 0, calibrationSet.size());
        InputNormalizationFold fold = InputNormalizationFold.of(network, n);
        FoldedNetwork folded = fold.apply(network);
        float[] pixels = fold.pixels(normalized);
        float std = n.std()[0];
        try (NDManager manager = NDManager.newBaseManager()) {
            TileCalibration signed = calibration(network, normalized, manager);
            TileCalibration unsigned = calibration(folded, pixels, manager);
            LayerTiling signedFirst = signed.tiling().layers().get(0);
            LayerTiling unsignedFirst = unsigned.tiling().layers().get(0);
            assertTrue(signed.signedInput(signedFirst.layer()));
            assertFalse(unsigned.signedInput(unsignedFirst.layer()));
            UniformQuantizer eight = unsigned.input(unsignedFirst, 0, 8);
            for (float u : pixels) {
                int code = Math.round(u * 255);
                assertEquals(code, eight.level(u), "pixel code " + code + " at 8 bits");
            }
            for (int bits = 2; bits <= 8; bits++) {
                UniformQuantizer s = signed.input(signedFirst, 0, bits);
                UniformQuantizer u = unsigned.input(unsignedFirst, 0, bits);
                double signedError = 0;
                double unsignedError = 0;
                float mean = n.mean()[0];
                for (float x : normalized) { // the image's pixels, border padding left out
                    double ds = s.apply(x) - x;
                    float pixel = x * std + mean;
                    double du = (u.apply(pixel) - pixel) / std; // in normalised units
                    signedError += ds * ds;
                    unsignedError += du * du;
                }
                assertTrue(unsignedError < signedError, bits + "-bit input: unsigned pixel codes' squared error "
                        + unsignedError + " is not below the signed input's " + signedError);
            }
        }
    }

    private static TileCalibration calibration(FoldedNetwork network, float[] images, NDManager manager) {
        NetworkTiling tiling = NetworkTiling.of(network, ArrayConfig.defaults());
        FloatInference fp = new FloatInference(network, manager);
        CalibrationRun run = CalibrationRun.record(fp, tiling, QuantizationConfig.defaults(),
                batch(manager, images, network), manager);
        return new TileCalibration(network, tiling, QuantizationConfig.defaults(), run.samples());
    }

    private static NDArray batch(NDManager manager, float[] images, FoldedNetwork network) {
        int[] s = network.inputShape();
        return manager.create(images, new Shape(images.length / (s[0] * s[1] * s[2]), s[0], s[1], s[2]));
    }

    private static DatasetCatalog catalog() {
        DatasetCatalog catalog = DatasetCatalog.byId("fashion-mnist");
        assumeTrue(Files.isDirectory(catalog.defaultDir()), "dataset-fashion-mnist is not installed");
        return catalog;
    }

    private static FoldedNetwork load(String model) {
        try (TrainedModel m = TrainedModels.load(model, "fashion-mnist")) {
            return m.fold();
        }
    }
}
