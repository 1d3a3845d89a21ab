package org.cim2pq.sim.cim.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;

import ai.djl.ndarray.NDManager;

import org.cim2pq.sim.cim.SyntheticNetworks;
import org.cim2pq.sim.cim.array.ArrayConfig;
import org.cim2pq.sim.cim.array.ArrayTile;
import org.cim2pq.sim.cim.array.LayerTiling;
import org.cim2pq.sim.cim.quant.BitSerialAdc;
import org.cim2pq.sim.cim.quant.CalibrationMethod;
import org.cim2pq.sim.cim.quant.PartialSumQuantizer;
import org.cim2pq.sim.cim.quant.QuantizationConfig;
import org.cim2pq.sim.cim.quant.TileCalibration;
import org.cim2pq.sim.cim.quant.TilePrecisions;
import org.cim2pq.sim.cim.quant.UniformQuantizer;
import org.cim2pq.sim.cim.quant.WeightQuantizer;
import org.cim2pq.sim.network.FoldedNetwork;
import org.cim2pq.sim.network.NetworkOp;
import org.junit.jupiter.api.Test;

/**
 * Per-layer scales ({@link QuantizationConfig#layerScales()}, the layerwise baseline of METHOD.md section 4): the tiles
 * of a layer share their input quantizer, weight scales (one per layer, or one per output channel over the whole
 * fan-in: standard per-channel quantization) and ADC range on both machines, where per-tile scales differ; the native
 * kernels equal the DJL path bit for bit with them, calibration variants included.
 */
class LayerScalesTest {

    /** Small arrays, so every layer of the network has several row and column blocks. */
    private static final ArrayConfig ARRAYS = ArrayConfig.builder().optSize(48, 48).build();
    private static final TilePrecisions FOUR = TilePrecisions.uniform(4);

    private static FoldedNetwork network() {
        return SyntheticNetworks.tinyResNet(7, 12);
    }

    private static QuantizationConfig.Builder config(boolean layerScales) {
        return QuantizationConfig.builder().optLayerScales(layerScales);
    }

    /** Runs both machines on a uniform strategy, so every ADC of its precision is calibrated. */
    private static void calibrateBoth(KernelComparison.Workload w, NDManager manager) {
        List<TilePrecisions> s = Collections.nCopies(w.tiles(), FOUR);
        for (Fidelity f : Fidelity.values()) {
            try (ArraywiseInference i = w.pair(f, manager)[0]) {
                i.forward(w.images(), s, null).close();
            }
        }
    }

    private static BitSerialAdc calibratedAdc(TileCalibration c, ArrayTile t) {
        return c.bitserialAdc(t, FOUR, (tile, max) -> {
            throw new AssertionError("calibrated by the forward pass before");
        });
    }

    /** Layers of the network with tiles in several row blocks and several column blocks: the cases that matter. */
    private static List<LayerTiling> multiTileLayers(KernelComparison.Workload w) {
        List<LayerTiling> out = w.tiling().layers().stream().filter(l -> l.rowBlocks() > 1 && l.columnBlocks() > 1)
                .toList();
        assertFalse(out.isEmpty(), "the network has layers of several row and column blocks");
        return out;
    }

    @Test
    void tilesOfALayerShareEveryScaleWithLayerScalesOnly() {
        for (boolean perColumn : new boolean[] {false, true}) {
            try (NDManager manager = NDManager.newBaseManager()) {
                KernelComparison.Workload layer = KernelComparison.workload(network(), ARRAYS, 12, 64, 8,
                        config(true).optPerColumnWeightScales(perColumn).build(), manager);
                KernelComparison.Workload tile = KernelComparison.workload(network(), ARRAYS, 12, 64, 8,
                        config(false).optPerColumnWeightScales(perColumn).build(), manager);
                calibrateBoth(layer, manager);
                calibrateBoth(tile, manager);
                int differing = 0;
                for (LayerTiling l : multiTileLayers(layer)) {
                    TileCalibration c = layer.calibration();
                    ArrayTile first = l.tiles().get(0);
                    for (ArrayTile t : l.tiles()) {
                        String which = t.id() + (perColumn ? " (per-column)" : "");
                        assertEquals(c.input(l, first.rowBlock(), 4), c.input(l, t.rowBlock(), 4), which + ": input");
                        assertEquals(c.partialSum(first, 4), c.partialSum(t, 4), which + ": psum ADC");
                        assertEquals(calibratedAdc(c, first), calibratedAdc(c, t), which + ": bitserial ADC");
                        float[] scales = c.weights(t, 4).scales();
                        if (!perColumn) {
                            for (float s : scales) {
                                assertEquals(c.weights(first, 4).scales()[0], s, 0f, which + ": one weight scale");
                            }
                        } else {
                            // the same output channels in every row block: the same scales
                            assertArrayEquals(c.weights(l.tile(0, t.columnBlock()), 4).scales(), scales, 0f,
                                    which + ": per-channel weight scales over the whole fan-in");
                        }
                    }
                    // ... where per-tile scales differ between the tiles of the layer
                    TileCalibration own = tile.calibration();
                    ArrayTile last = l.tiles().get(l.tiles().size() - 1);
                    differing += own.input(l, 0, 4).equals(own.input(l, l.rowBlocks() - 1, 4)) ? 0 : 1;
                    differing += own.partialSum(first, 4).equals(own.partialSum(last, 4)) ? 0 : 1;
                    differing += calibratedAdc(own, first).equals(calibratedAdc(own, last)) ? 0 : 1;
                    differing += java.util.Arrays.equals(own.weights(l.tile(0, 0), 4).scales(),
                            own.weights(l.tile(l.rowBlocks() - 1, 0), 4).scales()) ? 0 : 1;
                }
                assertTrue(differing >= 4 * multiTileLayers(layer).size() - 1,
                        "per-tile scales differ between the tiles of a layer (" + differing + " differences)");
            }
        }
    }

    @Test
    void perColumnLayerScalesAreStandardPerChannelQuantization() {
        try (NDManager manager = NDManager.newBaseManager()) {
            KernelComparison.Workload w = KernelComparison.workload(network(), ARRAYS, 12, 64, 8,
                    config(true).optPerColumnWeightScales(true).build(), manager);
            for (LayerTiling l : multiTileLayers(w)) {
                NetworkOp.WeightLayer layer = w.network().weightLayers().stream()
                        .filter(x -> x.name().equals(l.layer())).findFirst().orElseThrow();
                float[] expected = WeightQuantizer.quantize(layer.weights(), layer.outChannels(), 6, true,
                        CalibrationMethod.MSE).scales();
                float[] levels = WeightQuantizer.quantize(layer.weights(), layer.outChannels(), 6, true,
                        CalibrationMethod.MSE).levels();
                for (ArrayTile t : l.tiles()) {
                    float[] scales = w.calibration().weights(t, 6).scales();
                    for (int o = 0; o < t.outChannels(); o++) {
                        assertEquals(expected[t.firstOutChannel() + o], scales[o], 0f, t.id() + " channel " + o);
                    }
                    assertArrayEquals(WeightQuantizer.tileSlice(levels, layer.inChannels(), t),
                            w.calibration().weights(t, 6).levels(), 0f, t.id() + ": its part of the layer's levels");
                }
            }
        }
    }

    @Test
    void aSingleTileLayerHasTheSameScalesEitherWay() {
        try (NDManager manager = NDManager.newBaseManager()) {
            FoldedNetwork network = SyntheticNetworks.lenetLike(5);
            KernelComparison.Workload layer = KernelComparison.workload(network, ArrayConfig.defaults(), 28, 64, 8,
                    config(true).optPerColumnWeightScales(true).build(), manager);
            KernelComparison.Workload tile = KernelComparison.workload(network, ArrayConfig.defaults(), 28, 64, 8,
                    config(false).optPerColumnWeightScales(true).build(), manager);
            LayerTiling single = layer.tiling().layers().stream().filter(l -> l.tiles().size() == 1).findFirst()
                    .orElseThrow();
            ArrayTile t = single.tiles().get(0);
            UniformQuantizer a = layer.calibration().input(single, 0, 5);
            assertEquals(tile.calibration().input(single, 0, 5), a);
            assertArrayEquals(tile.calibration().weights(t, 5).scales(), layer.calibration().weights(t, 5).scales(), 0f);
            assertArrayEquals(tile.calibration().weights(t, 5).levels(), layer.calibration().weights(t, 5).levels(), 0f);
            PartialSumQuantizer adc = layer.calibration().partialSum(t, 5);
            assertEquals(tile.calibration().partialSum(t, 5), adc);
        }
    }

    /**
     * On the shipped LeNet-5 (bitserial, the search's calibration: input fold, per-column weight scales; 500 seeded
     * test images) uniform 8 bits with per-layer scales stays within a point of per-tile scales and of FP: coarser
     * scales cost little at 8 bits, so a larger loss is a calibration error, not the method.
     */
    @Test
    void layerScalesAtEightBitsStayWithinAPointOfTileScalesOnTheShippedLeNet() {
        org.cim2pq.sim.data.DatasetCatalog catalog = org.cim2pq.sim.data.DatasetCatalog.byId("fashion-mnist");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(catalog.defaultDir()),
                "dataset-fashion-mnist is not installed");
        FoldedNetwork network;
        try (org.cim2pq.sim.models.TrainedModel m = org.cim2pq.sim.models.TrainedModels.load("lenet5",
                "fashion-mnist")) {
            network = m.fold();
        }
        org.cim2pq.sim.data.ImageSet calibration = org.cim2pq.sim.data.SeededSubsets.calibration(
                catalog.train(catalog.defaultDir()), 256, 0);
        org.cim2pq.sim.data.ImageSet test = org.cim2pq.sim.data.SeededSubsets.evaluation(
                catalog.test(catalog.defaultDir()), 500, 0);
        org.cim2pq.sim.data.Normalization n = catalog.normalization();
        double[] accuracy = new double[2];
        double fp = 0;
        for (boolean perLayer : new boolean[] {false, true}) {
            try (org.cim2pq.sim.cim.eval.CimEvaluator e = org.cim2pq.sim.cim.eval.CimEvaluator.builder()
                    .setNetwork(network).setCalibrationImages(n.normalize(calibration, 0, calibration.size()))
                    .setEvaluationImages(n.normalize(test, 0, test.size()), test.labels())
                    .optFidelity(Fidelity.BITSERIAL).optFoldInputNormalization(n)
                    .optQuantization(config(perLayer).optPerColumnWeightScales(true).build()).build()) {
                accuracy[perLayer ? 1 : 0] = e.evaluate(Collections.nCopies(e.tiling().tiles().size(),
                        TilePrecisions.uniform(8))).metrics().get("top1.accuracy");
                fp = e.floatAccuracy();
            }
        }
        assertTrue(Math.abs(accuracy[1] - accuracy[0]) <= 0.01, "uniform 8: per layer " + accuracy[1] + ", per tile "
                + accuracy[0]);
        assertTrue(accuracy[1] >= fp - 0.01, "uniform 8 per layer " + accuracy[1] + " within a point of FP " + fp);
    }

    @Test
    void nativeKernelsEqualTheDjlPathWithLayerScales() {
        List<QuantizationConfig> configs = List.of(config(true).build(),
                config(true).optPerColumnWeightScales(true).optOutputWeightedBitserialAdc(true)
                        .optQuantizedPartialSumCalibration(true).optPerSliceBitserialAdc(true).build());
        for (QuantizationConfig q : configs) {
            try (NDManager manager = NDManager.newBaseManager()) {
                KernelComparison.Workload w = KernelComparison.workload(network(), ARRAYS, 12, 64, 12, q, manager);
                List<List<TilePrecisions>> strategies = KernelComparison.strategies(w.tiles(),
                        List.of(TilePrecisions.uniform(5), FOUR), 1, 5, 8, 6, 13);
                for (Fidelity f : Fidelity.values()) {
                    ArraywiseInference[] pair = w.pair(f, manager);
                    try (ArraywiseInference kernel = pair[0]; ArraywiseInference djl = pair[1]) {
                        double saturation = KernelComparison.assertSameResults(f + " " + q, kernel, djl, w.images(),
                                strategies);
                        assertTrue(saturation > 0, f + ": some ADCs saturate, so the equal rates say something");
                    }
                }
                // and the scales matter: per-tile scales give other logits
                KernelComparison.Workload own = KernelComparison.workload(network(), ARRAYS, 12, 64, 12,
                        new QuantizationConfig(q.inputCalibration(), q.weightCalibration(), q.perColumnWeightScales(),
                                q.partialSumCalibration(), q.sigmas(), q.maxSamples(), q.bitserialCalibrationImages(),
                                q.outputWeightedBitserialAdc(), q.quantizedPartialSumCalibration(),
                                q.perSliceBitserialAdc(), false), manager);
                try (ArraywiseInference a = w.pair(Fidelity.BITSERIAL, manager)[0];
                     ArraywiseInference b = own.pair(Fidelity.BITSERIAL, manager)[0]) {
                    List<TilePrecisions> s = strategies.get(1);
                    assertNotEquals(java.util.Arrays.toString(b.forward(own.images(), s, null).toFloatArray()),
                            java.util.Arrays.toString(a.forward(w.images(), s, null).toFloatArray()),
                            "per-layer scales change the 4-bit logits");
                }
            }
        }
    }
}
