package org.cim2pq.sim.cim.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import org.cim2pq.sim.cim.SyntheticNetworks;
import org.cim2pq.sim.cim.array.ArrayConfig;
import org.cim2pq.sim.cim.array.ArrayTile;
import org.cim2pq.sim.cim.noise.NoiseProfile;
import org.cim2pq.sim.cim.noise.NoiseSetting;
import org.cim2pq.sim.cim.quant.TilePrecisions;
import org.cim2pq.sim.network.FoldedNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The psum machine under noise (docs/sim-noise.md): with the native kernels loaded and on the DJL path the logits and
 * clipping rates are equal bit for bit (every draw, every profile; the tiny ResNet covers signed inputs, several row
 * blocks and residual adds), the same seed and draw give the same logits and another draw or seed others, draw 0 is
 * the same chip whatever the draw count, a noisy datapath whose noise vanishes is the ideal psum machine bit for bit,
 * and the stored weights are the bitserial machine's programmed cells recombined.
 */
class NoisyPartialSumTest {

    static final int DRAWS = 2;
    static final int IMAGES = 8;

    static Stream<Arguments> cases() {
        return NoisyKernelTest.cases();
    }

    private static NDArray tiled(NDArray images, int draws) {
        return NoisyKernelTest.tiled(images, draws);
    }

    private static ArraywiseInference inference(KernelComparison.Workload w, NoiseSetting noise, boolean nativeKernel,
                                                NDManager manager) {
        return new ArraywiseInference(w.network(), w.calibration(), w.run(), Fidelity.PSUM, true, nativeKernel,
                noise, 16, manager);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void nativeKernelsAndDjlPathAgreeUnderNoiseBitForBit(String name, FoldedNetwork network, ArrayConfig array,
                                                        int size, NoiseProfile profile) {
        try (NDManager manager = NDManager.newBaseManager()) {
            KernelComparison.Workload w = KernelComparison.workload(network, array, size, 64, IMAGES, manager);
            NoiseSetting noise = new NoiseSetting(profile, DRAWS, 42);
            List<List<TilePrecisions>> strategies = KernelComparison.strategies(w.tiles(), List.of(
                    TilePrecisions.uniform(4), TilePrecisions.uniform(8), TilePrecisions.lossless(5, 4)), 1, 8, 8, 5,
                    13);
            try (ArraywiseInference kernel = inference(w, noise, true, manager);
                 ArraywiseInference djl = inference(w, noise, false, manager)) {
                assertTrue(kernel.usesNativeKernels() && !djl.usesNativeKernels());
                double saturation = KernelComparison.assertSameResults(name, kernel, djl, tiled(w.images(), DRAWS),
                        strategies);
                assertTrue(saturation > 0, name + ": some noisy ADCs saturate, so the equal rates say something");
            }
        }
    }

    @Test
    void sameSeedAndDrawGiveTheSameLogitsOtherDrawsAndSeedsOthers() {
        try (NDManager manager = NDManager.newBaseManager()) {
            KernelComparison.Workload w = KernelComparison.workload(SyntheticNetworks.tinyResNet(7, 12),
                    ArrayConfig.builder().optSize(48, 48).build(), 12, 64, IMAGES, manager);
            List<TilePrecisions> strategy = Collections.nCopies(w.tiles(), TilePrecisions.uniform(5));
            NDArray batch = tiled(w.images(), 3);
            NoiseSetting three = new NoiseSetting(NoiseProfile.byName("typical-rram"), 3, 42);
            float[] a;
            float[] b;
            float[] other;
            float[] one;
            float[] ideal;
            try (ArraywiseInference first = inference(w, three, true, manager);
                 ArraywiseInference second = inference(w, three, false, manager);
                 ArraywiseInference otherSeed = inference(w, new NoiseSetting(three.profile(), 3, 43), true, manager);
                 ArraywiseInference single = inference(w, new NoiseSetting(three.profile(), 1, 42), true, manager);
                 ArraywiseInference noiseless = inference(w, NoiseSetting.IDEAL, true, manager)) {
                a = first.forward(batch, strategy, null).toFloatArray();
                b = second.forward(batch, strategy, null).toFloatArray();
                other = otherSeed.forward(batch, strategy, null).toFloatArray();
                one = single.forward(w.images(), strategy, null).toFloatArray();
                ideal = noiseless.forward(w.images(), strategy, null).toFloatArray();
            }
            assertArrayEquals(a, b, 0f, "same seed, same draws: identical logits");
            int per = a.length / 3;
            float[] draw0 = Arrays.copyOfRange(a, 0, per);
            float[] draw1 = Arrays.copyOfRange(a, per, 2 * per);
            assertArrayEquals(one, draw0, 0f, "draw 0 is the same chip whatever the number of draws");
            assertFalse(Arrays.equals(draw0, draw1), "another draw is another chip");
            assertFalse(Arrays.equals(draw0, Arrays.copyOfRange(other, 0, per)), "another seed gives other draws");
            assertFalse(Arrays.equals(draw0, ideal), "the noisy chip is not the ideal one");
        }
    }

    static Stream<Arguments> vanishing() {
        return NoisyKernelTest.vanishing();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vanishing")
    void noisyPathWithVanishingNoiseIsTheIdealMachineBitForBit(String name, NoiseProfile profile) {
        assertFalse(profile.isIdeal(), "the noisy path runs");
        try (NDManager manager = NDManager.newBaseManager()) {
            KernelComparison.Workload w = KernelComparison.workload(SyntheticNetworks.tinyResNet(3, 12),
                    ArrayConfig.builder().optSize(48, 48).build(), 12, 64, IMAGES, manager);
            List<List<TilePrecisions>> strategies = KernelComparison.strategies(w.tiles(), List.of(
                    TilePrecisions.uniform(3), TilePrecisions.uniform(8), TilePrecisions.lossless(6, 6)), 0, 8, 8, 4,
                    29);
            NoiseSetting noise = new NoiseSetting(profile, 1, 5);
            for (boolean nativeKernel : new boolean[] {true, false}) {
                try (ArraywiseInference ideal = new ArraywiseInference(w.network(), w.calibration(), w.run(),
                        Fidelity.PSUM, true, nativeKernel, manager);
                     ArraywiseInference noisy = inference(w, noise, nativeKernel, manager)) {
                    for (List<TilePrecisions> s : strategies) {
                        PartialSumClipping idealClipping = new PartialSumClipping(s.size());
                        PartialSumClipping noisyClipping = new PartialSumClipping(s.size());
                        assertArrayEquals(ideal.forward(w.images(), s, idealClipping).toFloatArray(),
                                noisy.forward(w.images(), s, noisyClipping).toFloatArray(), 0f,
                                name + (nativeKernel ? " (kernel)" : " (DJL)") + ": " + s.get(0));
                        for (int t = 0; t < s.size(); t++) {
                            assertEquals(idealClipping.rate(t), noisyClipping.rate(t), 0.0, name + ": tile " + t);
                        }
                    }
                }
            }
        }
    }

    @Test
    void storedWeightsAreTheBitserialMachinesProgrammedCellsRecombined() {
        try (NDManager manager = NDManager.newBaseManager()) {
            KernelComparison.Workload w = KernelComparison.workload(SyntheticNetworks.lenetLike(5),
                    ArrayConfig.defaults(), 28, 16, 2, manager);
            ArrayConfig array = w.tiling().config();
            ArrayNoise noise = new ArrayNoise(new NoiseSetting(NoiseProfile.byName("faulty-rram"), 2, 9), array, 16);
            ArrayTile t = w.tiling().tiles().get(1);
            int rows = t.inChannels() * t.kernel() * t.kernel();
            for (int bits : new int[] {3, 8}) {
                float[] levels = w.calibration().weights(t, bits).levels();
                int slices = array.slices(bits);
                float[] cells = noise.conductances(BitSerialLayers.slicedLevels(array, levels, bits), t, bits,
                        2 * slices, rows, 1);
                float[] weights = noise.effectiveWeights(levels, t, bits, rows, 1);
                int differ = 0;
                for (int i = 0; i < levels.length; i++) {
                    double expected = 0;
                    for (int k = 0; k < slices; k++) {
                        expected += Math.scalb(cells[k * levels.length + i] - cells[(slices + k) * levels.length + i],
                                array.cellBits() * k);
                    }
                    assertEquals(expected, weights[i], 0.0, "weight " + i + " at " + bits + " bits");
                    differ += Math.abs(weights[i] / ArrayNoise.GRID - levels[i]) > 0.5 ? 1 : 0;
                }
                assertTrue(differ > 0, "stuck-at cells move some weights by more than half a level");
            }
        }
    }
}
