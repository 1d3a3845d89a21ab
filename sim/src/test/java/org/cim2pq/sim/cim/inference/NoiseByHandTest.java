package org.cim2pq.sim.cim.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.LongPredicate;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.cim2pq.sim.cim.array.ArrayConfig;
import org.cim2pq.sim.cim.array.NetworkTiling;
import org.cim2pq.sim.cim.noise.NoiseProfile;
import org.cim2pq.sim.cim.noise.NoiseSetting;
import org.cim2pq.sim.cim.noise.NoiseStream;
import org.cim2pq.sim.cim.quant.CalibrationMethod;
import org.cim2pq.sim.cim.quant.PartialSumQuantizer;
import org.cim2pq.sim.cim.quant.QuantizationConfig;
import org.cim2pq.sim.cim.quant.TileCalibration;
import org.cim2pq.sim.cim.quant.TilePrecisions;
import org.cim2pq.sim.network.FoldedNetwork;
import org.cim2pq.sim.network.NetworkOp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each non-ideality on the hand-computed 4x2 crossbar of {@link BitSerialAdcByHandTest} (weights [3, -1, 2, -3],
 * input [3, 2, 1, 1], ideal counts z0: plus 5, minus 3; z1: plus 3, minus 1), on the DJL path and the kernel. The
 * seed is chosen (by the test, from the documented keys) so that the drawn fault or offset is the one worked out:
 * <pre>
 * stuck-on cell at row 1 of the plus column (level 0 -> 3), lossless ADC: z1 plus = 3 + 3 = 6 (row 1 is active in z1
 *   only): y = (5 - 3) + 2 (6 - 1) = 12 (ideal 6)
 * ADC offset o in (0.75, 0.9) LSB, the rounding case's ADC (step 5/3, counts read 0.6 c + o):
 *   5 -> 3.75..3.9 -> 3 (saturated), 3 -> 2.55..2.7 -> 3, 3 -> 3, 1 -> 1.35..1.5 -> 1: y = (3-3) + 2 (3-1) = 4,
 *   times 5/3 = 6.667 (ideal 5), one conversion in four saturated
 * ADC gain error e in (0.45, 0.6), same ADC (counts read 0.6 (1 + e) c, 0.87..0.96 c):
 *   5 -> 3 (saturated), 3 -> 2.61..2.88 -> 3, 1 -> 1: y = 4 times 5/3 = 6.667, one in four saturated
 * </pre>
 */
class NoiseByHandTest {

    static final int COLUMNS_PER_ADC = 128;

    private static NoiseProfile profile(double stuckOn, double offset, double gain) {
        return new NoiseProfile("by-hand", "test", new double[] {0}, 40, 0, 0, stuckOn, 0, offset, gain, 0);
    }

    /** The first seed for which {@code condition} holds. */
    private static long seedWhere(LongPredicate condition) {
        for (long seed = 0; seed < 1_000_000; seed++) {
            if (condition.test(seed)) {
                return seed;
            }
        }
        throw new AssertionError("no seed");
    }

    private static double uniformAt(long seed, NoiseStream.Purpose purpose, long position) {
        return NoiseStream.uniform(NoiseStream.at(NoiseStream.key(seed, purpose, 0, 0), position));
    }

    private static double gaussianAt(long seed, long position) {
        return NoiseStream.gaussian(NoiseStream.at(NoiseStream.key(seed, NoiseStream.Purpose.ADC, 0, 0), position));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void oneStuckOnCellAddsItsLevelToItsColumnsCounts(boolean nativeKernel) {
        double rate = 0.25;
        // cell (row, physical column) sits at row * 2 + column; the plus column is physical column 0
        long seed = seedWhere(s -> {
            for (int position = 0; position < 8; position++) {
                boolean stuck = uniformAt(s, NoiseStream.Purpose.STUCK_AT, position) < rate;
                if (stuck != (position == 2)) {
                    return false;
                }
            }
            return true;
        });
        Result r = run(new NoiseSetting(profile(rate, 0, 0), 1, seed), new float[] {3, 0, 3, 0},
                TilePrecisions.lossless(2, 3), nativeKernel);
        assertEquals(12f, r.y, 1e-5f);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void adcOffsetShiftsEveryConversion(boolean nativeKernel) {
        assertAdcCase(profile(0, 1, 0), s -> gaussianAt(s, 1) > 0.75 && gaussianAt(s, 1) < 0.9, nativeKernel);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void adcGainErrorScalesEveryConversion(boolean nativeKernel) {
        assertAdcCase(profile(0, 0, 0.5), s -> 0.5 * gaussianAt(s, 0) > 0.45 && 0.5 * gaussianAt(s, 0) < 0.6,
                nativeKernel);
    }

    /** The ADC of the rounding case with the drawn error: y = 4 steps of 5/3, one conversion in four saturated. */
    private static void assertAdcCase(NoiseProfile profile, LongPredicate drawn, boolean nativeKernel) {
        Result r = run(new NoiseSetting(profile, 1, seedWhere(drawn)), new float[] {3, 0, 3, 0},
                new TilePrecisions(2, 3, 2), nativeKernel);
        assertEquals(4 * 5f / 3, r.y, 1e-5f);
        assertEquals(0.25, r.clipped, 1e-12);
    }

    /**
     * Conversion noise: the spread of the analog value is {@code sqrt(active (sigma_read top gain)^2 +
     * (sigma_out top gain)^2 + sigma_comparator^2)} LSB, and its mean is the noiseless {@code count * gain}.
     */
    @Test
    void conversionNoiseHasTheStatedSpread() {
        NoiseProfile p = new NoiseProfile("spread", "test", new double[] {0}, 40, 0.01, 0, 0, 0.06, 0, 0, 0.25);
        ArrayConfig array = ArrayConfig.builder().optSize(4, 2).optMaxWeightBits(3).build();
        ArrayNoise noise = new ArrayNoise(new NoiseSetting(p, 1, 3), array, COLUMNS_PER_ADC);
        NetworkTiling tiling = NetworkTiling.of(network(), array);
        float gain = 0.5f;
        ArrayNoise.Columns c = noise.columns(tiling.tiles().get(0), new TilePrecisions(2, 3, 4),
                PartialSumQuantizer.counts(4, 30f), 2, 0);
        assertEquals(gain, c.values()[0], 0f, "the ADC's 1 / step (30 counts over 15 levels)");
        float active = 100;
        double expected = Math.sqrt(active * Math.pow(0.01 * 3 * gain, 2) + Math.pow(0.06 * 3 * gain, 2) + 0.0625);
        int n = 400_000;
        double sum = 0;
        double squares = 0;
        for (long i = 0; i < n; i++) {
            double d = c.analog(0, 10f, active, i) - 10f * gain;
            sum += d;
            squares += d * d;
        }
        assertEquals(0, sum / n, 0.003);
        assertEquals(expected, Math.sqrt(squares / n), 0.003 * expected);
    }

    private static FoldedNetwork network() {
        return new FoldedNetwork("4x2 crossbar", new int[] {4}, List.of(
                new NetworkOp.Relu(FoldedNetwork.INPUT, "x"),
                new NetworkOp.Linear("fc", "x", "y", 4, 1, BitSerialAdcByHandTest.WEIGHTS, new float[] {0})), "y");
    }

    record Result(float y, double clipped) {}

    private static Result run(NoiseSetting noise, float[] calibrationInput, TilePrecisions p, boolean nativeKernel) {
        FoldedNetwork network = network();
        NetworkTiling tiling = NetworkTiling.of(network, ArrayConfig.builder().optSize(4, 2).optMaxWeightBits(3).build());
        QuantizationConfig config = QuantizationConfig.builder().optInputCalibration(CalibrationMethod.MIN_MAX)
                .optWeightCalibration(CalibrationMethod.MIN_MAX).optPartialSumCalibration(CalibrationMethod.MIN_MAX)
                .build();
        try (NDManager manager = NDManager.newBaseManager()) {
            FloatInference fp = new FloatInference(network, manager);
            CalibrationRun run = CalibrationRun.record(fp, tiling, config,
                    manager.create(calibrationInput, new Shape(1, 4)), manager);
            TileCalibration calibration = new TileCalibration(network, tiling, config, run.samples());
            try (ArraywiseInference inference = new ArraywiseInference(network, calibration, run, Fidelity.BITSERIAL,
                    true, nativeKernel, noise, COLUMNS_PER_ADC, manager)) {
                assertTrue(inference.usesNativeKernels() == nativeKernel);
                PartialSumClipping clipping = new PartialSumClipping(1);
                float[] y = inference.forward(manager.create(BitSerialAdcByHandTest.INPUT, new Shape(1, 4)),
                        List.of(p), clipping).toFloatArray();
                return new Result(y[0], clipping.rate(0));
            }
        }
    }
}
