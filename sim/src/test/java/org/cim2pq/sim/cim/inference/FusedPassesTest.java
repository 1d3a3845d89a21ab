package org.cim2pq.sim.cim.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.cim2pq.sim.cim.quant.UniformQuantizer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fused Java passes ({@link DacLevels}, {@link PartialSumReadout}) against the same steps written as plain DJL
 * tensor ops (what the psum fidelity did before they were fused): equal bit for bit, ties and saturation included.
 */
class FusedPassesTest {

    NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    /** Values on a half-step grid, so many of them are exact ties for the rounding. */
    NDArray halfSteps(Random rnd, Shape shape, int range) {
        float[] v = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = (rnd.nextInt(4 * range + 1) - 2 * range) / 2f + (rnd.nextInt(5) == 0 ? rnd.nextFloat() : 0f);
        }
        return manager.create(v, shape);
    }

    @Test
    void dacLevelsEqualClampAndRoundAsTensorOps() {
        Random rnd = new Random(3);
        NDArray x = halfSteps(rnd, new Shape(40, 5, 3, 4), 20);
        UniformQuantizer[] q = {
            new UniformQuantizer(0.5f, 0, 15), new UniformQuantizer(0.25f, 0, 15), new UniformQuantizer(1f, -8, 7)};
        NDArray fused = DacLevels.of(x, 5, 30, 1, q); // images 5..34, channels 1..3
        for (int c = 0; c < q.length; c++) {
            NDArray slice = x.get("5:35, {}:{}", 1 + c, 2 + c);
            NDArray expected = slice.mul(1f / q[c].scale()).clip(q[c].min(), q[c].max()).round();
            assertArrayEquals(expected.toFloatArray(), fused.get(":, {}:{}", c, c + 1).toFloatArray(), 0f,
                    "channel " + c);
        }
        assertEquals(new Shape(30, 3, 3, 4), fused.getShape());
    }

    @Test
    void readoutEqualsAdcDequantizeSumAndBiasAsTensorOps() {
        Random rnd = new Random(5);
        int images = 150; // more than the clipping sample, and split over threads
        int cout = 6;
        Shape shape = new Shape(images, cout, 2, 3);
        // row block 0 in one part; row block 1 in two column-block parts; row block 2 at an offset into a wider tensor
        NDArray p0 = halfSteps(rnd, shape, 12);
        NDArray p1a = halfSteps(rnd, new Shape(images, 4, 2, 3), 12);
        NDArray p1b = halfSteps(rnd, new Shape(images, 2, 2, 3), 12);
        NDArray wide = halfSteps(rnd, new Shape(images, 2 * cout, 2, 3), 12);
        int plane = 6;
        List<PartialSumReadout.Part> parts = List.of(
                new PartialSumReadout.Part(0, p0, cout * plane, 0, 0, cout),
                new PartialSumReadout.Part(1, p1a, 4 * plane, 0, 0, 4),
                new PartialSumReadout.Part(1, p1b, 2 * plane, 0, 4, 2),
                new PartialSumReadout.Part(2, wide, 2 * cout * plane, cout * plane, 0, cout));
        float[][] gain = new float[3][cout];
        float[][] limit = new float[3][cout];
        float[][] step = new float[3][cout];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < cout; c++) {
                limit[r][c] = c == 2 ? Float.POSITIVE_INFINITY : 3 + rnd.nextInt(6); // channel 2: lossless ADCs
                gain[r][c] = c == 2 ? 1f : c == 3 ? 1f : 0.25f + 2 * rnd.nextFloat(); // channel 3 keeps the ties
                step[r][c] = 0.01f + rnd.nextFloat();
            }
        }
        float[] bias = {0.5f, -1f, 0.25f, 2f, 0f, -0.125f};
        double[][] clipped = new double[3][cout];
        int sample = 128;
        // in two chunks of images, as a layer runs: 0..69 and 70..149, each from its own partial-sum tensors
        NDArray fused = NativeFloats.empty(manager, shape);
        int[][] chunks = {{0, 70}, {70, 150}};
        for (int[] chunk : chunks) {
            List<PartialSumReadout.Part> chunkParts = new java.util.ArrayList<>();
            for (PartialSumReadout.Part p : parts) {
                NDArray own = p.sums().get("{}:{}", chunk[0], chunk[1]).duplicate();
                chunkParts.add(new PartialSumReadout.Part(p.rowBlock(), own, p.imageStride(), p.offset(),
                        p.firstChannel(), p.channels()));
            }
            PartialSumReadout.run(chunkParts, new PartialSumReadout.Adc(gain, limit, step), bias, fused, chunk[0],
                    chunk[1] - chunk[0], sample, clipped);
        }

        NDArray[] sums = {p0, p1a.concat(p1b, 1), wide.get(":, {}:{}", cout, 2 * cout)};
        NDArray expected = null;
        for (int r = 0; r < 3; r++) {
            float[] lim = new float[cout];
            for (int c = 0; c < cout; c++) {
                lim[c] = limit[r][c] == Float.POSITIVE_INFINITY ? Float.MAX_VALUE : limit[r][c];
                NDArray channel = sums[r].get(":{}, {}", sample, c).mul(gain[r][c]);
                double saturated = channel.abs().gt(limit[r][c] + 0.5f).sum().toType(
                        ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble();
                assertEquals(limit[r][c] == Float.POSITIVE_INFINITY ? 0 : saturated, clipped[r][c],
                        "saturated conversions, row block " + r + " channel " + c);
            }
            NDArray l = manager.create(lim).reshape(1, cout, 1, 1);
            NDArray y = sums[r].mul(manager.create(gain[r]).reshape(1, cout, 1, 1)).minimum(l).maximum(l.neg()).round()
                    .mul(manager.create(step[r]).reshape(1, cout, 1, 1));
            // lossless channels are not rounded (their integer sums need no rounding)
            NDArray raw = sums[r].mul(manager.create(step[r]).reshape(1, cout, 1, 1));
            NDArray lossless = manager.create(new float[] {0, 0, 1, 0, 0, 0}).reshape(1, cout, 1, 1);
            y = y.mul(lossless.neg().add(1)).add(raw.mul(lossless));
            expected = expected == null ? y : expected.add(y);
        }
        expected = expected.add(manager.create(bias).reshape(1, cout, 1, 1));
        assertArrayEquals(expected.toFloatArray(), fused.toFloatArray(), 0f);
        assertEquals(shape, fused.getShape());
    }

    @Test
    void readoutNeedsRowBlockZeroFirst() {
        NDArray p = manager.zeros(new Shape(2, 1, 1, 1));
        float[][] one = {{1f}, {1f}};
        NDArray out = NativeFloats.empty(manager, new Shape(2, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> PartialSumReadout.run(
                List.of(new PartialSumReadout.Part(1, p, 1, 0, 0, 1)), new PartialSumReadout.Adc(one, one, one),
                new float[1], out, 0, 2, 0, null));
    }
}
