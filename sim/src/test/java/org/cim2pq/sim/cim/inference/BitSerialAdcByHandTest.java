package org.cim2pq.sim.cim.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.cim2pq.sim.cim.array.ArrayConfig;
import org.cim2pq.sim.cim.array.NetworkTiling;
import org.cim2pq.sim.cim.quant.CalibrationMethod;
import org.cim2pq.sim.cim.quant.QuantizationConfig;
import org.cim2pq.sim.cim.quant.TileCalibration;
import org.cim2pq.sim.cim.quant.TilePrecisions;
import org.cim2pq.sim.network.FoldedNetwork;
import org.cim2pq.sim.network.NetworkOp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lossy bit-serial ADC worked out by hand on one 4x2 crossbar (4 rows, one differential column pair, 2-bit
 * cells), 2-bit unsigned inputs, 3-bit weights, a 2-bit ADC: the simulator must give the hand-computed output, on
 * the DJL path, the generic native loops and the lookup kernel. Min-max calibration makes every scale readable.
 *
 * <pre>
 * weights  w = [3, -1, 2, -3]  (max |w| = 3: weight step 1)   cells: plus [3, 0, 2, 0], minus [0, 1, 0, 3]
 * input    x = [3,  2, 1,  1]  (inputs calibrated to max 3: input step 1)
 * digits   z0 = [1, 0, 1, 1], z1 = [1, 1, 0, 0]
 * counts   z0: plus 3+2 = 5, minus 3 = 3;  z1: plus 3 = 3, minus 1 = 1     exact y = (5-3) + 2(3-1) = 6 = w.x
 * </pre>
 * Rounding: calibrated on x = [3, 0, 3, 0] the largest count is 5, so the ADC step is 5/3 and a count c reads
 * round(0.6 c): 5 -> 3, 3 -> 1.8 -> 2, 1 -> 0.6 -> 1; y = ((3-2) + 2(2-1)) * 5/3 = 5, no conversion clipped.
 * Clipping: calibrated on x = [3, 0, 0, 0] the largest count is 3, the ADC step 1: 5 -> 3 (clipped), 3, 3, 1;
 * y = (3-3) + 2(3-1) = 4, one conversion in four clipped.
 */
class BitSerialAdcByHandTest {

    static final float[] WEIGHTS = {3, -1, 2, -3};
    static final float[] INPUT = {3, 2, 1, 1};

    enum Path { DJL, GENERIC_LOOPS, LOOKUP }

    @ParameterizedTest
    @ValueSource(strings = {"DJL", "GENERIC_LOOPS", "LOOKUP"})
    void roundingCase(String path) {
        assertByHand(Path.valueOf(path), new float[] {3, 0, 3, 0}, 5f, 0.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"DJL", "GENERIC_LOOPS", "LOOKUP"})
    void clippingCase(String path) {
        assertByHand(Path.valueOf(path), new float[] {3, 0, 0, 0}, 4f, 0.25);
    }

    private static void assertByHand(Path path, float[] calibrationInput, float expected, double clippedRate) {
        FoldedNetwork network = new FoldedNetwork("4x2 crossbar", new int[] {4}, List.of(
                new NetworkOp.Relu(FoldedNetwork.INPUT, "x"),
                new NetworkOp.Linear("fc", "x", "y", 4, 1, WEIGHTS, new float[] {0})), "y");
        NetworkTiling tiling = NetworkTiling.of(network,
                ArrayConfig.builder().optSize(4, 2).optMaxWeightBits(3).build());
        assertEquals(1, tiling.tiles().size(), "one 4x2 array");
        QuantizationConfig config = QuantizationConfig.builder().optInputCalibration(CalibrationMethod.MIN_MAX)
                .optWeightCalibration(CalibrationMethod.MIN_MAX).optPartialSumCalibration(CalibrationMethod.MIN_MAX)
                .build();
        boolean nativeKernel = path != Path.DJL;
        try (NDManager manager = NDManager.newBaseManager()) {
            FloatInference fp = new FloatInference(network, manager);
            CalibrationRun run = CalibrationRun.record(fp, tiling, config,
                    manager.create(calibrationInput, new Shape(1, 4)), manager);
            TileCalibration calibration = new TileCalibration(network, tiling, config, run.samples());
            if (path == Path.GENERIC_LOOPS) {
                System.setProperty(BitSerialKernel.LOOKUP_PROPERTY, "false");
            }
            try (ArraywiseInference inference = new ArraywiseInference(network, calibration, run, Fidelity.BITSERIAL,
                    true, nativeKernel, manager)) {
                long lookups = BitSerialKernel.LOOKUP_RUNS.sum();
                PartialSumClipping clipping = new PartialSumClipping(1);
                float[] y = inference.forward(manager.create(INPUT, new Shape(1, 4)),
                        List.of(new TilePrecisions(2, 3, 2)), clipping).toFloatArray();
                assertEquals(expected, y[0], 1e-5f, path + ": output");
                assertEquals(clippedRate, clipping.rate(0), 1e-12, path + ": clipped conversions");
                if (path == Path.LOOKUP) {
                    assertEquals(BitSerialKernel.lookupCpu(), BitSerialKernel.LOOKUP_RUNS.sum() > lookups,
                            "the lookup kernel ran where the CPU has it");
                }
            } finally {
                System.clearProperty(BitSerialKernel.LOOKUP_PROPERTY);
            }
        }
    }
}
