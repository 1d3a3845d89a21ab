package org.cim2pq.sim.cim.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

import org.cim2pq.sim.cim.SyntheticNetworks;
import org.cim2pq.sim.cim.array.ArrayConfig;
import org.cim2pq.sim.cim.noise.NoiseProfile;
import org.cim2pq.sim.cim.noise.NoiseSetting;
import org.cim2pq.sim.cim.quant.TilePrecisions;
import org.cim2pq.sim.network.FoldedNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bitserial machine under noise: the native kernel equals the DJL path bit for bit (every draw, every profile;
 * the tiny ResNet covers signed two's-complement inputs, several row blocks and residual adds),
 * the same seed and draw give the same logits and another draw or seed others, and a noisy datapath whose noise
 * vanishes gives exactly the ideal machine's logits (so the noisy path adds noise and nothing else).
 */
class NoisyKernelTest {

    static final int DRAWS = 2;
    static final int IMAGES = 8;

    /** Every non-ideality at once, the ADC's included (typical-rram has none of those). */
    static final NoiseProfile EVERYTHING = new NoiseProfile("everything", "test", new double[] {0.348, 16.03, -43.853,
        45.393, -16.815}, 40, 0.01, 0.01, 0.02, 0.06, 0.3, 0.02, 0.25);

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("tiny-resnet every non-ideality", SyntheticNetworks.tinyResNet(7, 12),
                        ArrayConfig.builder().optSize(48, 48).build(), 12, EVERYTHING),
                Arguments.of("lenet-like faulty-rram", SyntheticNetworks.lenetLike(5), ArrayConfig.defaults(), 28,
                        NoiseProfile.byName("faulty-rram")),
                Arguments.of("lenet-like typical-rram", SyntheticNetworks.lenetLike(6), ArrayConfig.defaults(), 28,
                        NoiseProfile.byName("typical-rram")));
    }

    static NDArray tiled(NDArray images, int draws) {
        NDArray[] copies = new NDArray[draws];
        Arrays.fill(copies, images);
        return NDArrays.concat(new NDList(copies), 0);
    }

    private static ArraywiseInference inference(KernelComparison.Workload w, NoiseSetting noise, boolean nativeKernel,
                                                NDManager manager) {
        return new ArraywiseInference(w.network(), w.calibration(), w.run(), Fidelity.BITSERIAL, true, nativeKernel,
                noise, 16, manager);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void nativeKernelEqualsDjlPathUnderNoiseBitForBit(String name, FoldedNetwork network, ArrayConfig array, int size,
                                                      NoiseProfile profile) {
        try (NDManager manager = NDManager.newBaseManager()) {
            KernelComparison.Workload w = KernelComparison.workload(network, array, size, 64, IMAGES, manager);
            NoiseSetting noise = new NoiseSetting(profile, DRAWS, 42);
            List<List<TilePrecisions>> strategies = KernelComparison.strategies(w.tiles(), List.of(
                    TilePrecisions.uniform(4), TilePrecisions.lossless(5, 4)), 1, 6, 8, 5, 13);
            try (ArraywiseInference kernel = inference(w, noise, true, manager);
                 ArraywiseInference djl = inference(w, noise, false, manager)) {
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
            List<TilePrecisions> strategy = java.util.Collections.nCopies(w.tiles(), TilePrecisions.uniform(5));
            NDArray batch = tiled(w.images(), 3);
            NoiseSetting three = new NoiseSetting(NoiseProfile.byName("typical-rram"), 3, 42);
            float[] a;
            float[] b;
            float[] other;
            float[] one;
            try (ArraywiseInference first = inference(w, three, true, manager);
                 ArraywiseInference second = inference(w, three, true, manager);
                 ArraywiseInference otherSeed = inference(w, new NoiseSetting(three.profile(), 3, 43), true, manager);
                 ArraywiseInference single = inference(w, new NoiseSetting(three.profile(), 1, 42), true, manager)) {
                a = first.forward(batch, strategy, null).toFloatArray();
                b = second.forward(batch, strategy, null).toFloatArray();
                other = otherSeed.forward(batch, strategy, null).toFloatArray();
                one = single.forward(w.images(), strategy, null).toFloatArray();
            }
            assertArrayEquals(a, b, 0f, "same seed, same draws: identical logits");
            int per = a.length / 3;
            float[] draw0 = Arrays.copyOfRange(a, 0, per);
            float[] draw1 = Arrays.copyOfRange(a, per, 2 * per);
            assertArrayEquals(one, draw0, 0f, "draw 0 is the same chip whatever the number of draws");
            assertFalse(Arrays.equals(draw0, draw1), "another draw is another chip");
            assertFalse(Arrays.equals(draw0, Arrays.copyOfRange(other, 0, per)), "another seed gives other draws");
        }
    }

    static Stream<Arguments> vanishing() {
        return Stream.of(
                Arguments.of("conversions only", new NoiseProfile("vanishing-adc", "test", new double[] {0}, 40, 0, 0,
                        0, 0, 0, 1e-30, 0)),
                Arguments.of("programmed cells", new NoiseProfile("vanishing-cells", "test", new double[] {1e-30}, 40,
                        0, 0, 0, 0, 0, 0, 0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vanishing")
    void noisyPathWithVanishingNoiseIsTheIdealMachineBitForBit(String name, NoiseProfile profile) {
        assertFalse(profile.isIdeal(), "the noisy path runs");
        try (NDManager manager = NDManager.newBaseManager()) {
            KernelComparison.Workload w = KernelComparison.workload(SyntheticNetworks.lenetLike(7),
                    ArrayConfig.defaults(), 28, 64, IMAGES, manager);
            List<List<TilePrecisions>> strategies = KernelComparison.strategies(w.tiles(), List.of(
                    TilePrecisions.uniform(3), TilePrecisions.lossless(6, 6)), 0, 8, 8, 4, 29);
            NoiseSetting noise = new NoiseSetting(profile, 1, 5);
            for (boolean nativeKernel : new boolean[] {true, false}) {
                try (ArraywiseInference ideal = new ArraywiseInference(w.network(), w.calibration(), w.run(),
                        Fidelity.BITSERIAL, true, nativeKernel, manager);
                     ArraywiseInference noisy = inference(w, noise, nativeKernel, manager)) {
                    for (List<TilePrecisions> s : strategies) {
                        assertArrayEquals(ideal.forward(w.images(), s, null).toFloatArray(),
                                noisy.forward(w.images(), s, null).toFloatArray(), 0f,
                                name + (nativeKernel ? " (kernel)" : " (DJL)") + ": " + s.get(0));
                    }
                }
            }
        }
    }
}
