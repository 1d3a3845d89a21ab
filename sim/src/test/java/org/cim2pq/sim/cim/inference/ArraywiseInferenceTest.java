package org.cim2pq.sim.cim.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;

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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ArraywiseInferenceTest {

    static final int SIZE = 12;
    static NDManager manager;
    static FoldedNetwork network;
    static NetworkTiling tiling;
    static FloatInference fp;
    static CalibrationRun calibrationRun;
    static TileCalibration calibration;
    static NDArray images;

    @BeforeAll
    static void setUp() {
        manager = NDManager.newBaseManager();
        network = SyntheticNetworks.tinyResNet(7, SIZE);
        // 48x48 arrays force several row and column blocks per layer even on this small network; weights up to 12
        // bits so "highest precision" can be high enough to separate a random network's near-tied logits
        tiling = NetworkTiling.of(network, ArrayConfig.builder().optSize(48, 48).optMaxWeightBits(12).build());
        fp = new FloatInference(network, manager);
        // 1024 calibration images: the evaluation images are disjoint, and a smaller calibration set misses the
        // activation extremes of some of them, whose clipping then dominates the error at high precision
        NDArray calib = manager.create(SyntheticNetworks.images(1, 1024, SIZE), new Shape(1024, 1, SIZE, SIZE));
        calibrationRun = CalibrationRun.record(fp, tiling, QuantizationConfig.defaults(), calib, manager);
        calibration = new TileCalibration(network, tiling, QuantizationConfig.defaults(), calibrationRun.samples());
        images = manager.create(SyntheticNetworks.images(2, 400, SIZE), new Shape(400, 1, SIZE, SIZE));
    }

    @AfterAll
    static void tearDown() {
        manager.close();
    }

    static List<TilePrecisions> uniform(TilePrecisions p) {
        return Collections.nCopies(tiling.tiles().size(), p);
    }

    /**
     * At the highest precisions of this array (12-bit inputs and weights, lossless ADC) the quantized logits match
     * FP closely and top-1 agrees on >= 99.5% of images. At 8 bits the bound is looser: a random network has
     * near-tied logits that 8-bit noise flips; the trained networks are checked at 8 bits by the accuracy bench.
     */
    @Test
    void highestPrecisionLosslessMatchesFloat() {
        try (ArraywiseInference q = new ArraywiseInference(network, calibration, null, Fidelity.PSUM, true, manager);
             NDManager batch = manager.newSubManager()) {
            NDArray x = images.duplicate();
            x.attach(batch);
            NDArray ref = fp.forward(x);
            float scale = ref.abs().max().getFloat();
            NDArray out = q.forward(x, uniform(TilePrecisions.lossless(12, 12)), null);
            float maxError = ref.sub(out).abs().max().getFloat();
            assertTrue(maxError < 0.005 * scale, "12 bits: max |logit error| " + maxError + " vs max |logit| " + scale);
            long agree = ref.argMax(1).eq(out.argMax(1)).sum().getLong();
            assertTrue(agree >= 0.995 * 400, "12 bits: top-1 agreement " + agree + "/400");

            NDArray out8 = q.forward(x, uniform(TilePrecisions.lossless(8, 8)), null);
            float maxError8 = ref.sub(out8).abs().max().getFloat();
            assertTrue(maxError8 < 0.03 * scale, "8 bits: max |logit error| " + maxError8 + " vs " + scale);
            long agree8 = ref.argMax(1).eq(out8.argMax(1)).sum().getLong();
            assertTrue(agree8 >= 0.95 * 400, "8 bits: top-1 agreement " + agree8 + "/400");
        }
    }

    /**
     * With 72-row arrays a 3x3 layer's row block holds 8 channels, so the 16- and 32-channel layers split into
     * equal row blocks; psum must agree bit for bit with the bit-serial path there too.
     */
    @Test
    void equalRowBlocksAgreeExactlyWithBitserial() {
        NetworkTiling even = NetworkTiling.of(network, ArrayConfig.builder().optSize(72, 48).build());
        assertTrue(even.layer("block0.conv1").rowBlocks() == 2
                && even.layer("block0.conv1").inChannelsPerRowBlock() == 8);
        try (NDManager batch = manager.newSubManager()) {
            NDArray calib = images.get(":128").duplicate();
            calib.attach(batch);
            CalibrationRun run = CalibrationRun.record(fp, even, QuantizationConfig.defaults(), calib, batch);
            TileCalibration cal = new TileCalibration(network, even, QuantizationConfig.defaults(), run.samples());
            ArraywiseInference psum = new ArraywiseInference(network, cal, null, Fidelity.PSUM, true, batch);
            ArraywiseInference bits = new ArraywiseInference(network, cal, run, Fidelity.BITSERIAL, true, batch);
            NDArray x = images.get("200:210").duplicate();
            x.attach(batch);
            List<TilePrecisions> s = Collections.nCopies(even.tiles().size(), TilePrecisions.lossless(6, 4));
            assertArrayEquals(psum.forward(x, s, null).toFloatArray(), bits.forward(x, s, null).toFloatArray(), 0f);
            // 3-bit ADCs saturate some partial sums, and the rate is reported
            PartialSumClipping clipping = new PartialSumClipping(even.tiles().size());
            psum.forward(x, Collections.nCopies(even.tiles().size(), TilePrecisions.uniform(3)), clipping);
            assertTrue(clipping.rate(even.layer("block0.conv1").tiles().get(0).index()) > 0);
        }
    }

    @Test
    void psumAndBitserialAgreeExactlyWithLosslessAdc() {
        try (ArraywiseInference psum = new ArraywiseInference(network, calibration, null, Fidelity.PSUM, true, manager);
             ArraywiseInference bits = new ArraywiseInference(network, calibration, calibrationRun,
                     Fidelity.BITSERIAL, true, manager);
             NDManager batch = manager.newSubManager()) {
            NDArray x = images.get(":20").duplicate();
            x.attach(batch);
            // (5, 5, 8): 8 bits is the lossless width of a 48-row array with 2-bit cells, ceil(log2(48*3+1))
            for (TilePrecisions p : List.of(TilePrecisions.lossless(8, 8), TilePrecisions.lossless(3, 2),
                    new TilePrecisions(5, 5, 8))) {
                float[] a = psum.forward(x, uniform(new TilePrecisions(p.inputBits(), p.weightBits(),
                        TilePrecisions.LOSSLESS)), null).toFloatArray();
                float[] b = bits.forward(x, uniform(p), null).toFloatArray();
                assertArrayEquals(a, b, 0f, "bit-for-bit at " + p);
            }
        }
    }
}
