package org.cim2pq.sim.cim.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import ai.djl.ndarray.NDManager;

import org.cim2pq.sim.cim.SyntheticNetworks;
import org.cim2pq.sim.cim.array.ArrayConfig;
import org.cim2pq.sim.cim.array.WeightEncoding;
import org.cim2pq.sim.cim.quant.TilePrecisions;
import org.cim2pq.sim.network.FoldedNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The native bitserial kernel against the DJL bitserial path: logits and per-tile clipping rates equal bit for
 * bit, with differential pairs and with the offset-column encoding, on a signed first layer (two's-complement
 * input digits), lossless and saturating bit-serial ADCs, and a bIn, bW and bPs per tile. The kernel runs as this
 * CPU selects it (the lookup kernel on AVX-512 VBMI); its generic loops are compared with it too.
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
        try (NDManager manager = NDManager.newBaseManager()) {
            // bitserial on DJL is slow: few images, but split over the cores all the same
            KernelComparison.Workload w = KernelComparison.workload(network, array, size, 128, 40, manager);
            List<List<TilePrecisions>> strategies = KernelComparison.strategies(w.tiles(), List.of(
                    TilePrecisions.uniform(4), TilePrecisions.uniform(2), TilePrecisions.lossless(5, 4)), 2, 6, 8, 5,
                    13);
            ArraywiseInference[] pair = w.pair(Fidelity.BITSERIAL, manager);
            try (ArraywiseInference kernel = pair[0]; ArraywiseInference djl = pair[1]) {
                long before = BitSerialKernel.LOOKUP_RUNS.sum();
                double saturation = KernelComparison.assertSameResults(name, kernel, djl, w.images(), strategies);
                assertTrue(saturation > 0, name + ": some bit-serial ADCs saturate, so the equal rates say something");
                assertEquals(BitSerialKernel.lookupCpu(), BitSerialKernel.LOOKUP_RUNS.sum() > before,
                        name + ": the lookup kernel runs where the CPU has it");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void genericLoopsEqualLookupKernelBitForBit(String name, FoldedNetwork network, ArrayConfig array, int size) {
        try (NDManager manager = NDManager.newBaseManager()) {
            KernelComparison.Workload w = KernelComparison.workload(network, array, size, 128, 130, manager);
            List<List<TilePrecisions>> strategies = KernelComparison.strategies(w.tiles(), List.of(
                    TilePrecisions.uniform(8), TilePrecisions.uniform(3), TilePrecisions.lossless(8, 8)), 3, 8, 9, 4,
                    17);
            ArraywiseInference kernel = w.pair(Fidelity.BITSERIAL, manager)[0];
            for (List<TilePrecisions> strategy : strategies) {
                PartialSumClipping lookupClipping = new PartialSumClipping(w.tiles());
                PartialSumClipping genericClipping = new PartialSumClipping(w.tiles());
                float[] lookup = kernel.forward(w.images(), strategy, lookupClipping).toFloatArray();
                float[] generic;
                System.setProperty(BitSerialKernel.LOOKUP_PROPERTY, "false");
                try {
                    generic = kernel.forward(w.images(), strategy, genericClipping).toFloatArray();
                } finally {
                    System.clearProperty(BitSerialKernel.LOOKUP_PROPERTY);
                }
                assertArrayEquals(generic, lookup, 0f, name + ": logits of " + strategy.get(0) + "...");
                for (int t = 0; t < w.tiles(); t++) {
                    assertEquals(genericClipping.rate(t), lookupClipping.rate(t), 0.0, name + ": clipping of tile " + t);
                }
            }
        }
    }
}
