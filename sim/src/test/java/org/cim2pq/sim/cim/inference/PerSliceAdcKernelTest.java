package org.cim2pq.sim.cim.inference;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

import org.cim2pq.sim.cim.SyntheticNetworks;
import org.cim2pq.sim.cim.array.ArrayConfig;
import org.cim2pq.sim.cim.array.ArrayTile;
import org.cim2pq.sim.cim.noise.NoiseSetting;
import org.cim2pq.sim.cim.quant.QuantizationConfig;
import org.cim2pq.sim.cim.quant.TilePrecisions;
import org.cim2pq.sim.network.FoldedNetwork;
import org.junit.jupiter.api.Test;

/**
 * Per-slice bit-serial ADC ranges ({@link QuantizationConfig#perSliceBitserialAdc()}): the native kernel (as the CPU
 * selects it, and its generic loops) equals the DJL path bit for bit, ideal and under noise; some tiles do get
 * slice ranges of their own, and they change the logits.
 */
class PerSliceAdcKernelTest {

    private static final QuantizationConfig PER_SLICE = QuantizationConfig.builder().optPerSliceBitserialAdc(true)
            .build();
    private static final ArrayConfig ARRAYS = ArrayConfig.builder().optSize(48, 48).build();

    private static FoldedNetwork network() {
        return SyntheticNetworks.tinyResNet(7, 12);
    }

    private static List<List<TilePrecisions>> strategies(int tiles) {
        return KernelComparison.strategies(tiles, List.of(TilePrecisions.uniform(4), TilePrecisions.uniform(3)), 1, 8,
                8, 5, 21);
    }

    /** Tiles (over the strategies) whose slices got ranges of their own; after the forward passes calibrated them. */
    private static int perSliceTiles(KernelComparison.Workload w, List<List<TilePrecisions>> strategies) {
        int n = 0;
        for (List<TilePrecisions> s : strategies) {
            for (ArrayTile t : w.tiling().tiles()) {
                n += w.calibration().bitserialAdc(t, s.get(t.index()), (tile, max) -> {
                    throw new AssertionError("every ADC is calibrated by the forward passes before");
                }).perSlice() ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void nativeKernelEqualsDjlPathWithPerSliceRanges() {
        try (NDManager manager = NDManager.newBaseManager()) {
            KernelComparison.Workload w = KernelComparison.workload(network(), ARRAYS, 12, 64, 12, PER_SLICE,
                    manager);
            List<List<TilePrecisions>> strategies = strategies(w.tiles());
            ArraywiseInference[] pair = w.pair(Fidelity.BITSERIAL, manager);
            try (ArraywiseInference kernel = pair[0]; ArraywiseInference djl = pair[1]) {
                double saturation = KernelComparison.assertSameResults("per-slice ranges", kernel, djl, w.images(),
                        strategies);
                assertTrue(saturation > 0, "some ADCs saturate, so the equal rates say something");
                System.setProperty(BitSerialKernel.LOOKUP_PROPERTY, "false");
                try {
                    KernelComparison.assertSameResults("per-slice ranges, generic loops", kernel, djl, w.images(),
                            strategies);
                } finally {
                    System.clearProperty(BitSerialKernel.LOOKUP_PROPERTY);
                }
            }
            assertTrue(perSliceTiles(w, strategies) > 0, "some tiles have slice ranges of their own");

            // the same network, images and strategy with one range per tile: other logits
            KernelComparison.Workload plain = KernelComparison.workload(network(), ARRAYS, 12, 64, 12, manager);
            try (ArraywiseInference a = w.pair(Fidelity.BITSERIAL, manager)[0];
                 ArraywiseInference b = plain.pair(Fidelity.BITSERIAL, manager)[0]) {
                List<TilePrecisions> s = strategies.get(0);
                float[] perSlice = a.forward(w.images(), s, null).toFloatArray();
                float[] perTile = b.forward(plain.images(), s, null).toFloatArray();
                assertFalse(Arrays.equals(perSlice, perTile), "per-slice ranges change the 4-bit logits");
            }
        }
    }

    @Test
    void nativeKernelEqualsDjlPathWithPerSliceRangesUnderNoise() {
        try (NDManager manager = NDManager.newBaseManager()) {
            KernelComparison.Workload w = KernelComparison.workload(network(), ARRAYS, 12, 64, 8, PER_SLICE, manager);
            NoiseSetting noise = new NoiseSetting(NoisyKernelTest.EVERYTHING, 2, 42);
            List<List<TilePrecisions>> strategies = strategies(w.tiles()).subList(0, 2);
            NDArray twice = NDArrays.concat(new NDList(w.images(), w.images()), 0);
            try (ArraywiseInference kernel = new ArraywiseInference(w.network(), w.calibration(), w.run(),
                    Fidelity.BITSERIAL, true, true, noise, 16, manager);
                 ArraywiseInference djl = new ArraywiseInference(w.network(), w.calibration(), w.run(),
                         Fidelity.BITSERIAL, true, false, noise, 16, manager)) {
                double saturation = KernelComparison.assertSameResults("per-slice ranges under noise", kernel, djl,
                        twice, strategies);
                assertTrue(saturation > 0, "some noisy ADCs saturate");
            }
            assertTrue(perSliceTiles(w, strategies) > 0, "some tiles have slice ranges of their own");
        }
    }
}
