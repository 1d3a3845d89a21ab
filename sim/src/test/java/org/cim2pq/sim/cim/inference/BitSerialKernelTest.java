package org.cim2pq.sim.cim.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.cim2pq.sim.cim.array.WeightEncoding;
import org.cim2pq.sim.cim.quant.QuantizationConfig;
import org.cim2pq.sim.cim.quant.TileCalibration;
import org.cim2pq.sim.cim.quant.TilePrecisions;
import org.cim2pq.sim.network.FoldedNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The native bitserial kernel against the DJL bitserial path: logits and per-tile clipping rates equal bit for
 * bit, with differential pairs and with the offset-column encoding, on a signed first layer (two's-complement
 * input digits), lossless and saturating bit-serial ADCs, and a bIn, bW and bPs per tile.
 */
class BitSerialKernelTest {

    static Stream<Arguments> networks() {
        return Stream.of(
                Arguments.of("tiny-resnet 48x48 arrays", SyntheticNetworks.tinyResNet(7, 12),
                        ArrayConfig.builder().optSize(48, 48).build(), 12),
                Arguments.of("tiny-resnet offset columns", SyntheticNetworks.tinyResNet(9, 12),
                        ArrayConfig.builder().optSize(64, 64).optWeightEncoding(WeightEncoding.OFFSET_COLUMN).build(),
                        12),
                Arguments.of("lenet-like", SyntheticNetworks.lenetLike(5), ArrayConfig.defaults(), 28));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void nativeKernelEqualsDjlPathBitForBit(String name, FoldedNetwork network, ArrayConfig array, int size) {
        assertTrue(NativeKernels.available(), NativeKernels.describe());
        try (NDManager manager = NDManager.newBaseManager()) {
            NetworkTiling tiling = NetworkTiling.of(network, array);
            FloatInference fp = new FloatInference(network, manager);
            NDArray calibrationImages = manager.create(SyntheticNetworks.images(1, 128, size),
                    new Shape(128, 1, size, size));
            CalibrationRun run = CalibrationRun.record(fp, tiling, QuantizationConfig.defaults(), calibrationImages,
                    manager);
            TileCalibration calibration = new TileCalibration(network, tiling, QuantizationConfig.defaults(),
                    run.samples());
            // bitserial on DJL is slow: few images, but split over the cores all the same
            NDArray images = manager.create(SyntheticNetworks.images(2, 40, size), new Shape(40, 1, size, size));
            int tiles = tiling.tiles().size();
            List<List<TilePrecisions>> strategies = new ArrayList<>();
            strategies.add(Collections.nCopies(tiles, TilePrecisions.uniform(4)));
            strategies.add(Collections.nCopies(tiles, TilePrecisions.uniform(2)));
            strategies.add(Collections.nCopies(tiles, TilePrecisions.lossless(5, 4)));
            Random rnd = new Random(13);
            for (int s = 0; s < 2; s++) {
                List<TilePrecisions> mixed = new ArrayList<>();
                for (int t = 0; t < tiles; t++) {
                    int psum = rnd.nextInt(5) == 0 ? TilePrecisions.LOSSLESS : 2 + rnd.nextInt(7);
                    mixed.add(new TilePrecisions(2 + rnd.nextInt(5), 2 + rnd.nextInt(5), psum));
                }
                strategies.add(mixed);
            }
            try (ArraywiseInference kernel = new ArraywiseInference(network, calibration, run, Fidelity.BITSERIAL,
                         true, true, manager);
                 ArraywiseInference djl = new ArraywiseInference(network, calibration, run, Fidelity.BITSERIAL,
                         true, false, manager)) {
                double saturation = 0;
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
                    saturation += kernelClipping.overallRate();
                }
                assertTrue(saturation > 0, name + ": some bit-serial ADCs saturate, so the equal rates say something");
            }
        }
    }
}
