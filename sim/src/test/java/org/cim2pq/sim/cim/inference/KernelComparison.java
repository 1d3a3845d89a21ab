package org.cim2pq.sim.cim.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

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

/**
 * What the native-kernel tests share: a calibrated synthetic network with a batch of images, strategies with a
 * precision per tile, and the bit-for-bit comparison of a kernel-backed and a DJL-backed {@link ArraywiseInference}.
 */
final class KernelComparison {

    private KernelComparison() {}

    /** A network calibrated on synthetic images, with a disjoint evaluation batch. */
    record Workload(FoldedNetwork network, NetworkTiling tiling, CalibrationRun run, TileCalibration calibration,
                    NDArray images) {

        int tiles() {
            return tiling.tiles().size();
        }

        /** The same inference twice: on the native kernels and on DJL. */
        ArraywiseInference[] pair(Fidelity fidelity, NDManager manager) {
            ArraywiseInference kernel = new ArraywiseInference(network, calibration, run, fidelity, true, true,
                    manager);
            ArraywiseInference djl = new ArraywiseInference(network, calibration, run, fidelity, true, false, manager);
            assertTrue(kernel.usesNativeKernels());
            assertFalse(djl.usesNativeKernels());
            return new ArraywiseInference[] {kernel, djl};
        }
    }

    static Workload workload(FoldedNetwork network, ArrayConfig array, int size, int calibrationImages, int images,
                             NDManager manager) {
        return workload(network, array, size, calibrationImages, images, QuantizationConfig.defaults(), manager);
    }

    /** {@link #workload(FoldedNetwork, ArrayConfig, int, int, int, NDManager)} calibrated with {@code config}. */
    static Workload workload(FoldedNetwork network, ArrayConfig array, int size, int calibrationImages, int images,
                             QuantizationConfig config, NDManager manager) {
        assertTrue(NativeKernels.available(), NativeKernels.describe());
        NetworkTiling tiling = NetworkTiling.of(network, array);
        FloatInference fp = new FloatInference(network, manager);
        NDArray calibration = manager.create(SyntheticNetworks.images(1, calibrationImages, size),
                new Shape(calibrationImages, 1, size, size));
        CalibrationRun run = CalibrationRun.record(fp, tiling, config, calibration, manager);
        TileCalibration tiles = new TileCalibration(network, tiling, config, run.samples());
        NDArray batch = manager.create(SyntheticNetworks.images(2, images, size), new Shape(images, 1, size, size));
        return new Workload(network, tiling, run, tiles, batch);
    }

    /**
     * {@code uniform} strategies, then {@code mixed} random ones with bIn and bW in 2..maxBits and bPs in
     * 2..maxPsumBits or lossless (one tile in {@code losslessOneIn}), a precision per tile.
     */
    static List<List<TilePrecisions>> strategies(int tiles, List<TilePrecisions> uniform, int mixed, int maxBits,
                                                 int maxPsumBits, int losslessOneIn, long seed) {
        List<List<TilePrecisions>> strategies = new ArrayList<>();
        for (TilePrecisions p : uniform) {
            strategies.add(Collections.nCopies(tiles, p));
        }
        Random rnd = new Random(seed);
        for (int s = 0; s < mixed; s++) {
            List<TilePrecisions> strategy = new ArrayList<>();
            for (int t = 0; t < tiles; t++) {
                int psum = rnd.nextInt(losslessOneIn) == 0 ? TilePrecisions.LOSSLESS : 2 + rnd.nextInt(maxPsumBits - 1);
                strategy.add(new TilePrecisions(2 + rnd.nextInt(maxBits - 1), 2 + rnd.nextInt(maxBits - 1), psum));
            }
            strategies.add(strategy);
        }
        return strategies;
    }

    /**
     * Asserts equal logits and per-tile clipping rates, with 0 tolerance, for every strategy.
     *
     * @return the kernel's overall clipping rates summed over the strategies (to show they are not all zero)
     */
    static double assertSameResults(String name, ArraywiseInference kernel, ArraywiseInference djl, NDArray images,
                                    List<List<TilePrecisions>> strategies) {
        double saturation = 0;
        for (int i = 0; i < strategies.size(); i++) {
            List<TilePrecisions> strategy = strategies.get(i);
            int tiles = strategy.size();
            String which = name + ", strategy " + i + " (tile 0 " + strategy.get(0) + ")";
            PartialSumClipping kernelClipping = new PartialSumClipping(tiles);
            PartialSumClipping djlClipping = new PartialSumClipping(tiles);
            float[] a = kernel.forward(images, strategy, kernelClipping).toFloatArray();
            float[] b = djl.forward(images, strategy, djlClipping).toFloatArray();
            assertArrayEquals(b, a, 0f, which + ": logits");
            for (int t = 0; t < tiles; t++) {
                assertEquals(djlClipping.rate(t), kernelClipping.rate(t), 0.0, which + ": clipping rate of tile " + t);
            }
            saturation += kernelClipping.overallRate();
        }
        return saturation;
    }
}
