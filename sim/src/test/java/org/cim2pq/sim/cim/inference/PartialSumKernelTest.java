package org.cim2pq.sim.cim.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.cim2pq.sim.cim.SyntheticNetworks;
import org.cim2pq.sim.cim.array.ArrayConfig;
import org.cim2pq.sim.cim.array.NetworkTiling;
import org.cim2pq.sim.cim.quant.QuantizationConfig;
import org.cim2pq.sim.cim.quant.TileCalibration;
import org.cim2pq.sim.cim.quant.TilePrecisions;
import org.cim2pq.sim.network.FoldedNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The native psum kernel against the DJL path: logits and per-tile clipping rates equal bit for bit, on networks
 * whose layers cover the kernel's cases (3x3 and 5x5 kernels, stride 2, 1x1 shortcuts, linear layers of up to 400
 * inputs, several row and column blocks, row blocks of unequal height) and on strategies with a bIn per tile, so
 * column blocks of one row block take different DAC levels, lossless ADCs and ADCs that saturate.
 */
class PartialSumKernelTest {

    @Test
    void kernelIsBuiltAndLoaded() {
        // the build compiles it wherever tests run (.ci/run installs gcc); without it psum falls back to DJL
        assertTrue(NativeKernels.available(), NativeKernels.describe());
    }

    static Stream<Arguments> networks() {
        return Stream.of(
                Arguments.of("tiny-resnet 48x48 arrays", SyntheticNetworks.tinyResNet(7, 12),
                        ArrayConfig.builder().optSize(48, 48).build(), 12),
                Arguments.of("resnet8 topology", SyntheticNetworks.resnet8Shape(3), ArrayConfig.defaults(), 28),
                Arguments.of("lenet-like", SyntheticNetworks.lenetLike(5), ArrayConfig.defaults(), 28));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void nativeKernelEqualsDjlPathBitForBit(String name, FoldedNetwork network, ArrayConfig array, int size) {
        assertTrue(NativeKernels.available(), NativeKernels.describe());
        try (NDManager manager = NDManager.newBaseManager()) {
            NetworkTiling tiling = NetworkTiling.of(network, array);
            FloatInference fp = new FloatInference(network, manager);
            NDArray calibrationImages = manager.create(SyntheticNetworks.images(1, 256, size),
                    new Shape(256, 1, size, size));
            CalibrationRun run = CalibrationRun.record(fp, tiling, QuantizationConfig.defaults(), calibrationImages,
                    manager);
            TileCalibration calibration = new TileCalibration(network, tiling, QuantizationConfig.defaults(),
                    run.samples());
            // 150 images: more than the 128 on which clipping is counted, and split over the cores
            NDArray images = manager.create(SyntheticNetworks.images(2, 150, size), new Shape(150, 1, size, size));
            int tiles = tiling.tiles().size();
            List<List<TilePrecisions>> strategies = new ArrayList<>();
            strategies.add(Collections.nCopies(tiles, TilePrecisions.uniform(8)));
            strategies.add(Collections.nCopies(tiles, TilePrecisions.uniform(3)));
            strategies.add(Collections.nCopies(tiles, TilePrecisions.lossless(8, 8)));
            Random rnd = new Random(11);
            for (int s = 0; s < 5; s++) {
                List<TilePrecisions> mixed = new ArrayList<>();
                for (int t = 0; t < tiles; t++) {
                    int psum = rnd.nextInt(6) == 0 ? TilePrecisions.LOSSLESS : 2 + rnd.nextInt(9);
                    mixed.add(new TilePrecisions(2 + rnd.nextInt(7), 2 + rnd.nextInt(7), psum));
                }
                strategies.add(mixed);
            }
            try (ArraywiseInference kernel = new ArraywiseInference(network, calibration, null, Fidelity.PSUM, true,
                         true, manager);
                 ArraywiseInference djl = new ArraywiseInference(network, calibration, null, Fidelity.PSUM, true,
                         false, manager)) {
                assertTrue(kernel.usesNativeKernels());
                assertFalse(djl.usesNativeKernels());
                for (int i = 0; i < strategies.size(); i++) {
                    List<TilePrecisions> strategy = strategies.get(i);
                    String which = name + ", strategy " + i + " (tile 0 " + strategy.get(0) + ")";
                    PartialSumClipping kernelClipping = new PartialSumClipping(tiles);
                    PartialSumClipping djlClipping = new PartialSumClipping(tiles);
                    float[] a = kernel.forward(images, strategy, kernelClipping).toFloatArray();
                    float[] b = djl.forward(images, strategy, djlClipping).toFloatArray();
                    assertArrayEquals(b, a, 0f, which + ": logits");
                    for (int t = 0; t < tiles; t++) {
                        assertEquals(djlClipping.rate(t), kernelClipping.rate(t), 0.0,
                                which + ": clipping rate of tile " + t);
                    }
                }
                // the 3-bit strategy saturates: the equal rates above are not all zero
                PartialSumClipping clipping = new PartialSumClipping(tiles);
                kernel.forward(images, strategies.get(1), clipping);
                assertTrue(clipping.overallRate() > 0, name + ": 3-bit ADCs saturate");
            }
        }
    }
}
