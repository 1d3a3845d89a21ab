package org.cim2pq.sim.cim.inference;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import ai.djl.ndarray.NDManager;

import org.cim2pq.sim.cim.SyntheticNetworks;
import org.cim2pq.sim.cim.array.ArrayConfig;
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
        try (NDManager manager = NDManager.newBaseManager()) {
            // 150 images: more than the 128 on which clipping is counted, and split over the cores
            KernelComparison.Workload w = KernelComparison.workload(network, array, size, 256, 150, manager);
            List<List<TilePrecisions>> strategies = KernelComparison.strategies(w.tiles(), List.of(
                    TilePrecisions.uniform(8), TilePrecisions.uniform(3), TilePrecisions.lossless(8, 8)), 5, 8, 10, 6,
                    11);
            ArraywiseInference[] pair = w.pair(Fidelity.PSUM, manager);
            try (ArraywiseInference kernel = pair[0]; ArraywiseInference djl = pair[1]) {
                double saturation = KernelComparison.assertSameResults(name, kernel, djl, w.images(), strategies);
                // the 3-bit strategy saturates: the equal rates are not all zero
                assertTrue(saturation > 0, name + ": some ADCs saturate");
            }
        }
    }
}
