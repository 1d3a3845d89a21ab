package org.cim2pq.sim.cim.inference;

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
        try (NDManager manager = NDManager.newBaseManager()) {
            // bitserial on DJL is slow: few images, but split over the cores all the same
            KernelComparison.Workload w = KernelComparison.workload(network, array, size, 128, 40, manager);
            List<List<TilePrecisions>> strategies = KernelComparison.strategies(w.tiles(), List.of(
                    TilePrecisions.uniform(4), TilePrecisions.uniform(2), TilePrecisions.lossless(5, 4)), 2, 6, 8, 5,
                    13);
            ArraywiseInference[] pair = w.pair(Fidelity.BITSERIAL, manager);
            try (ArraywiseInference kernel = pair[0]; ArraywiseInference djl = pair[1]) {
                double saturation = KernelComparison.assertSameResults(name, kernel, djl, w.images(), strategies);
                assertTrue(saturation > 0, name + ": some bit-serial ADCs saturate, so the equal rates say something");
            }
        }
    }
}
