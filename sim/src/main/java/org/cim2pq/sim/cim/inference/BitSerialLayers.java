package org.cim2pq.sim.cim.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import org.cim2pq.sim.cim.array.ArrayConfig;
import org.cim2pq.sim.cim.array.ArrayTile;
import org.cim2pq.sim.cim.array.LayerTiling;
import org.cim2pq.sim.cim.array.WeightEncoding;
import org.cim2pq.sim.cim.quant.BitSerialAdc;
import org.cim2pq.sim.cim.quant.ColumnCounts;
import org.cim2pq.sim.cim.quant.PartialSumQuantizer;
import org.cim2pq.sim.cim.quant.TileCalibration;
import org.cim2pq.sim.cim.quant.TilePrecisions;
import org.cim2pq.sim.cim.quant.UniformQuantizer;
import org.cim2pq.sim.network.FoldedNetwork;
import org.cim2pq.sim.network.NetworkOp;

/**
 * The weight layers of {@link ArraywiseInference} in {@link Fidelity#BITSERIAL} fidelity: per tile, input cycle and
 * weight slice, every column count goes through the bit-serial ADC and is recombined by shift-add
 * ({@code y = sum_z a_z * sum_k (2^cellBits)^k * (Q(count+[z][k]) - Q(count-[z][k]))}), dequantized, summed over row
 * blocks and biased. Runs on the native {@link BitSerialKernel} where it is built, otherwise on DJL tensors (digit
 * planes and column counts), with the same floats. The bit-serial ADCs are calibrated on first use from the
 * {@link CalibrationRun}.
 */
final class BitSerialLayers implements ArraywiseInference.FidelityLayers {

    /** Bound on one bit-serial chunk's column-count tensor, so the DJL path never holds all images' counts. */
    static final long BITSERIAL_CHUNK_BYTES = 128L << 20;

    private final TileCalibration calibration;
    private final CalibrationRun calibrationRun;
    private final ArrayConfig array;
    private final boolean nativeKernel;
    private final NDManager manager;
    private final Map<String, NDArray> biases = new ConcurrentHashMap<>();
    private final Map<String, NDArray> slices = new ConcurrentHashMap<>();
    /** The non-idealities, or null on the ideal machine (whose code path is then exactly the noiseless one). */
    private final ArrayNoise noise;

    /**
     * @param noise the non-idealities, or null for the ideal machine
     * @param manager owns the cached weight slices and biases
     */
    BitSerialLayers(FoldedNetwork network, TileCalibration calibration, CalibrationRun calibrationRun,
                    boolean nativeKernel, ArrayNoise noise, NDManager manager) {
        if (calibrationRun == null) {
            throw new IllegalArgumentException("bitserial fidelity needs the calibration run to record column counts");
        }
        this.calibration = calibration;
        this.calibrationRun = calibrationRun;
        this.array = calibration.tiling().config();
        this.nativeKernel = nativeKernel;
        this.noise = noise;
        this.manager = manager;
        if (noise != null && array.weightEncoding() == WeightEncoding.OFFSET_COLUMN) {
            throw new IllegalArgumentException("noise is modelled on differential pairs only, not the offset encoding");
        }
        for (NetworkOp.WeightLayer w : network.weightLayers()) {
            biases.put(w.name(), manager.create(w.bias()).reshape(1, w.outChannels(), 1, 1));
        }
    }

    @Override
    public NDArray apply(LayerTiling lt, NetworkOp.WeightLayer layer, NDArray maps, List<TilePrecisions> strategy,
                         PartialSumClipping counter) {
        if (noise != null) {
            return noise.perDraw(maps, (part, d) -> nativeKernel
                    ? nativeBitserial(lt, layer, part, strategy, counter, d)
                    : djlBitserial(lt, layer, part, strategy, counter, d));
        }
        if (nativeKernel) {
            return nativeBitserial(lt, layer, maps, strategy, counter, IDEAL);
        }
        return djlBitserial(lt, layer, maps, strategy, counter, IDEAL);
    }

    /** The draw of the ideal machine: no noise. */
    private static final int IDEAL = -1;

    private NDArray djlBitserial(LayerTiling lt, NetworkOp.WeightLayer layer, NDArray maps,
                                 List<TilePrecisions> strategy, PartialSumClipping counter, int draw) {
        InputLevels inputs = new InputLevels(calibration, lt, maps, strategy);
        boolean signed = calibration.signedInput(layer.name());
        NDArray y = null;
        for (int r = 0; r < lt.rowBlocks(); r++) {
            NDArray block = bitserialRowBlock(lt, r, layer, inputs, strategy, signed, counter, draw);
            y = y == null ? block : y.addi(block);
        }
        return y.addi(biases.get(layer.name()));
    }

    /**
     * Rounds {@code v} to the nearest integer (ties to even, like {@code torch.round}) in place: adding and
     * subtracting 1.5 * 2^23 leaves float32 no fraction bits. Exact for |v| < 2^22; callers clip first. In place
     * because allocating a fresh output costs several times the arithmetic on large activations.
     */
    private static NDArray roundInPlace(NDArray v) {
        return v.addi(NativeFloats.ROUNDING_MAGIC).subi(NativeFloats.ROUNDING_MAGIC);
    }

    private static NDArray channelVector(NDManager m, float[] values) {
        return m.create(values).reshape(1, values.length, 1, 1);
    }

    private NDArray bitserialRowBlock(LayerTiling lt, int r, NetworkOp.WeightLayer layer, InputLevels inputs,
                                      List<TilePrecisions> strategy, boolean signed, PartialSumClipping counter,
                                      int draw) {
        NDList parts = new NDList();
        float[] step = new float[lt.outChannels()];
        for (int c = 0; c < lt.columnBlocks(); c++) {
            ArrayTile t = lt.tile(r, c);
            TilePrecisions p = strategy.get(t.index());
            UniformQuantizer inputQ = inputs.quantizer(r, c);
            BitSerialAdc adc = calibration.bitserialAdc(t, p,
                    (tile, max) -> recordCounts(lt, tile, p, layer, signed, max));
            parts.add(bitserialTile(inputs.levels(r, c), t, p, adc, layer, signed, counter, draw));
            float[] ws = calibration.weights(t, p.weightBits()).scales();
            for (int o = 0; o < t.outChannels(); o++) {
                step[t.firstOutChannel() + o] = inputQ.scale() * ws[o];
            }
        }
        NDArray y = parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 1);
        return y.mul(channelVector(y.getManager(), step)); // not in place: y may be a cached view
    }

    /**
     * The tile's integer partial sum, recombined from ADC-quantized column counts:
     * {@code y = sum_z a_z * sum_k (2^cellBits)^k * (Q(count+[z][k]) - Q(count-[z][k]))}, with
     * {@code a_z = (2^dacBits)^z}, except {@code a = -2^(bIn-1)} for the sign bit of a two's-complement input.
     */
    private NDArray bitserialTile(NDArray xq, ArrayTile t, TilePrecisions p, BitSerialAdc tileAdc,
                                  NetworkOp.WeightLayer layer, boolean signed, PartialSumClipping counter,
                                  int draw) {
        PartialSumQuantizer adc = tileAdc.adc();
        int cycles = array.inputCycles(p.inputBits());
        int sliceCount = array.slices(p.weightBits());
        int d = array.weightEncoding().columnsPerSlice();
        NDArray w = draw == IDEAL ? slicedWeights(t, p.weightBits(), tileAdc)
                : programmedWeights(t, p.weightBits(), draw);
        ArrayNoise.Columns columns = draw == IDEAL ? null : noise.columns(t, p, tileAdc, d * sliceCount, draw);
        NDArray coefficients = coefficients(xq.getManager(), p, cycles, sliceCount, d, signed, tileAdc);
        long n = xq.getShape().get(0);
        Shape outMap = TileConvolution.conv(xq.get(new NDIndex(":1")), w, layer, 1).getShape();
        long perImage = (long) cycles * outMap.get(1) * outMap.get(2) * outMap.get(3) * Float.BYTES;
        long chunk = Math.max(1, Math.min(n, BITSERIAL_CHUNK_BYTES / perImage));
        NDList out = new NDList();
        for (long start = 0; start < n; start += chunk) {
            long end = Math.min(n, start + chunk);
            NDArray y;
            // each chunk's temporaries (digit planes, column counts) are freed before the next chunk
            try (NDScope chunkScope = new NDScope()) {
                chunkScope.suppressNotUsedWarning();
                NDArray x = chunk == n ? xq : xq.get(new NDIndex("{}:{}", start, end));
                NDArray planes = digitPlanes(x, p, cycles, signed);
                NDArray counts = TileConvolution.conv(planes, w, layer, 1);
                if (columns != null) {
                    counts = noisyLevels(planes, counts, columns, t, layer, adc.isLossless() ? null : counter, start,
                            cycles);
                } else if (!adc.isLossless()) {
                    UniformQuantizer q = adc.quantizer();
                    if (counter != null) {
                        long clipped = counts.gt(bitserialEdge(q)).toType(DataType.INT64, false).sum().getLong();
                        counter.add(t.index(), clipped, counts.getShape().size());
                    }
                    // counts are >= 0: scale, clamp to the top level, round to ADC levels (in place)
                    counts = roundInPlace(counts.muli(1f / q.scale()).clip(0, q.max()));
                }
                // sum_z,k coefficient * level is a sum of integers (of multiples of 2^-shift with per-slice ranges):
                // exact in double in any order, so the native kernel's order gives the same value; dequantized once,
                // after the sum
                Shape s = counts.getShape();
                y = counts.reshape(cycles, end - start, d, sliceCount, t.outChannels(), s.get(2), s.get(3))
                        .toType(DataType.FLOAT64, false).muli(coefficients).sum(new int[] {0, 2, 3})
                        .toType(DataType.FLOAT32, false);
                if (!adc.isLossless()) {
                    y.muli(adc.quantizer().scale());
                }
                if (array.weightEncoding() == WeightEncoding.OFFSET_COLUMN) {
                    // The offset column's contribution 2^(bW-1) * sum(x) is removed digitally and exactly.
                    NDArray ones = x.getManager().ones(TileConvolution.weightShape(1, t.inChannels(), t.kernel()));
                    y.subi(TileConvolution.conv(x, ones, layer, 1).muli(1 << (p.weightBits() - 1)));
                }
                NDScope.unregister(y);
            }
            NDScope.register(y); // now owned by the layer's scope, like every other temporary
            out.add(y);
        }
        if (out.size() == 1) {
            return out.get(0);
        }
        NDArray joined = NDArrays.concat(out, 0);
        out.close(); // free the chunks now; the joined copy replaces them
        return joined;
    }

    /**
     * The ADC levels of a chunk's noisy conversions ({@link ArrayNoise.Columns}), in the layout of {@code counts}
     * {@code (cycles * n, columns, H, W)}; {@code first} is the chunk's first image within its draw.
     */
    private NDArray noisyLevels(NDArray planes, NDArray counts, ArrayNoise.Columns columns, ArrayTile t,
                                NetworkOp.WeightLayer layer, PartialSumClipping counter, long first, int cycles) {
        NDArray ones = planes.getManager().ones(TileConvolution.weightShape(1, t.inChannels(), t.kernel()));
        float[] active = TileConvolution.conv(planes.mul(planes), ones, layer, 1).toFloatArray();
        Shape s = counts.getShape();
        float[] c = counts.toFloatArray();
        int columnCount = Math.toIntExact(s.get(1));
        int pixels = Math.toIntExact(s.get(2) * s.get(3));
        long n = s.get(0) / cycles;
        long saturated = 0;
        for (long plane = 0; plane < s.get(0); plane++) {
            int z = (int) (plane / n);
            long image = first + plane % n;
            for (int column = 0; column < columnCount; column++) {
                int base = Math.toIntExact((plane * columnCount + column) * pixels);
                for (int q = 0; q < pixels; q++) {
                    float x = columns.analog(column, c[base + q], active[Math.toIntExact(plane * pixels + q)],
                            ArrayNoise.counter(image, q, pixels, z, cycles, column, columnCount));
                    saturated += columns.saturates(x) ? 1 : 0;
                    c[base + q] = columns.level(x);
                }
            }
        }
        if (counter != null) {
            counter.add(t.index(), saturated, c.length);
        }
        return counts.getManager().create(c, s);
    }

    /** A tile's programmed conductances for one draw, shaped like {@link #slicedWeights}. */
    private NDArray programmedWeights(ArrayTile t, int bits, int draw) {
        return slices.computeIfAbsent(t.id() + "/" + bits + "/draw" + draw, key -> {
            int d = array.weightEncoding().columnsPerSlice();
            int groups = d * array.slices(bits);
            int rows = t.inChannels() * t.kernel() * t.kernel();
            float[] g = noise.conductances(slicedLevels(t, bits), t, bits, groups, rows, draw);
            return ArraywiseInference.cached(manager.create(g, TileConvolution.weightShape(
                    groups * t.outChannels(), t.inChannels(), t.kernel())));
        });
    }

    /** Input levels as {@code cycles} digit planes stacked on the batch axis: {@code (cycles * N, C, H, W)}. */
    private NDArray digitPlanes(NDArray xq, TilePrecisions p, int cycles, boolean signed) {
        int base = 1 << array.dacBits();
        NDArray cur = signed
                ? xq.add(xq.lt(0).toType(DataType.FLOAT32, false).mul(1 << p.inputBits())) // two's complement
                : xq;
        NDList planes = new NDList();
        for (int z = 0; z < cycles; z++) {
            NDArray next = cur.div(base).floor();
            planes.add(cur.sub(next.mul(base)));
            cur = next;
        }
        return NDArrays.concat(planes, 0);
    }

    /** Column counts above this round beyond the bit-serial ADC's top level (largest level + 1/2 step). */
    private static float bitserialEdge(UniformQuantizer q) {
        return q.max() * q.scale() + q.scale() / 2;
    }

    private NDArray coefficients(NDManager m, TilePrecisions p, int cycles, int sliceCount, int d, boolean signed,
                                 BitSerialAdc tileAdc) {
        return m.create(coefficientValues(p, cycles, sliceCount, d, signed, tileAdc))
                .reshape(cycles, 1, d, sliceCount, 1, 1, 1);
    }

    /**
     * {@link #coefficientValues(TilePrecisions, int, int, int, boolean)} with slice {@code k}'s weight times
     * {@code 2^-shift[k]}: its levels count in steps {@code 2^shift[k]} times finer than the tile's.
     */
    private double[] coefficientValues(TilePrecisions p, int cycles, int sliceCount, int d, boolean signed,
                                       BitSerialAdc tileAdc) {
        double[] coef = coefficientValues(p, cycles, sliceCount, d, signed);
        for (int i = 0; i < coef.length; i++) {
            coef[i] = Math.scalb(coef[i], -tileAdc.shift(i % sliceCount));
        }
        return coef;
    }

    /**
     * The recombination weight of input cycle z, sign column and slice k, ordered (z, sign, k):
     * {@code a_z * (+-1) * (2^cellBits)^k}, with {@code a_z = (2^dacBits)^z}, negated for a two's-complement sign bit.
     */
    private double[] coefficientValues(TilePrecisions p, int cycles, int sliceCount, int d, boolean signed) {
        if (signed && array.dacBits() != 1) {
            throw new UnsupportedOperationException("bitserial fidelity supports signed inputs with 1-bit DACs only");
        }
        double[] coef = new double[cycles * d * sliceCount];
        for (int z = 0; z < cycles; z++) {
            double a = Math.pow(1 << array.dacBits(), z);
            if (signed && z == cycles - 1) {
                a = -a; // the sign bit of a two's-complement input weighs -2^(bIn-1)
            }
            for (int sign = 0; sign < d; sign++) {
                for (int k = 0; k < sliceCount; k++) {
                    coef[(z * d + sign) * sliceCount + k] = a * (sign == 0 ? 1 : -1) * Math.pow(1 << array.cellBits(), k);
                }
            }
        }
        return coef;
    }

    /**
     * The tile's weight levels cut into cell slices, {@code (d * slices * outChannels, inChannels, k, k)} ordered
     * (sign, slice, channel): differential pairs hold the positive and negative parts' magnitudes, the offset
     * encoding holds {@code w + 2^(bW-1)}.
     */
    private NDArray slicedWeights(ArrayTile t, int bits) {
        return slices.computeIfAbsent(t.id() + "/" + bits, key -> {
            int d = array.weightEncoding().columnsPerSlice();
            return ArraywiseInference.cached(manager.create(slicedLevels(t, bits), TileConvolution.weightShape(
                    d * array.slices(bits) * t.outChannels(), t.inChannels(), t.kernel())));
        });
    }

    /** {@link #slicedWeights(ArrayTile, int)} scaled for per-slice ADC ranges ({@link #shiftedLevels}). */
    private NDArray slicedWeights(ArrayTile t, int bits, BitSerialAdc adc) {
        if (!adc.perSlice()) {
            return slicedWeights(t, bits);
        }
        return slices.computeIfAbsent(t.id() + "/" + bits + "/shifts" + java.util.Arrays.toString(adc.sliceShifts()),
                key -> {
                    int d = array.weightEncoding().columnsPerSlice();
                    return ArraywiseInference.cached(manager.create(shiftedLevels(slicedLevels(t, bits), t, bits,
                            adc), TileConvolution.weightShape(d * array.slices(bits) * t.outChannels(),
                            t.inChannels(), t.kernel())));
                });
    }

    /**
     * Sliced cell levels ({@link #slicedLevels} layout) times {@code 2^shift[k]} on slice {@code k}: a column count
     * of the scaled cells is the count times {@code 2^shift[k]}, exactly (an integer times a power of two), so the
     * tile's ADC step {@code s} converts it as a step {@code s / 2^shift[k]} converts the count. This is how both
     * paths (and the native kernel, unchanged) convert each slice with its own range; the ideal machine only (a noisy
     * column's gain carries the shift instead, {@link ArrayNoise#columns}).
     */
    private float[] shiftedLevels(float[] levels, ArrayTile t, int bits, BitSerialAdc adc) {
        int sliceCount = array.slices(bits);
        int perGroup = levels.length / (array.weightEncoding().columnsPerSlice() * sliceCount);
        float[] out = levels.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.scalb(out[i], adc.shift(i / perGroup % sliceCount));
        }
        return out;
    }

    /** The cell levels of {@link #slicedWeights}, {@code (d * slices * outChannels, rows)} row-major. */
    private float[] slicedLevels(ArrayTile t, int bits) {
        return slicedLevels(array, calibration.weights(t, bits).levels(), bits);
    }

    /** Signed weight levels {@code lv} ({@code (outChannels, rows)}) as the cell levels of {@link #slicedWeights}. */
    static float[] slicedLevels(ArrayConfig array, float[] lv, int bits) {
        int sliceCount = array.slices(bits);
        int d = array.weightEncoding().columnsPerSlice();
        int cellLevels = 1 << array.cellBits();
        float[] out = new float[d * sliceCount * lv.length];
        for (int sign = 0; sign < d; sign++) {
            for (int k = 0; k < sliceCount; k++) {
                int base = (sign * sliceCount + k) * lv.length;
                for (int i = 0; i < lv.length; i++) {
                    int v = (int) lv[i];
                    int stored = d == 1 ? v + (1 << (bits - 1)) : (sign == 0 ? Math.max(v, 0) : Math.max(-v, 0));
                    out[base + i] = (stored >> (array.cellBits() * k)) & (cellLevels - 1);
                }
            }
        }
        return out;
    }

    /** The layer on {@link BitSerialKernel}: the same tiles, digits, ADCs and recombination, one native pass. */
    private NDArray nativeBitserial(LayerTiling lt, NetworkOp.WeightLayer layer, NDArray maps,
                                    List<TilePrecisions> strategy, PartialSumClipping counter, int draw) {
        boolean signed = calibration.signedInput(layer.name());
        if (signed && array.dacBits() != 1) {
            throw new UnsupportedOperationException("bitserial fidelity supports signed inputs with 1-bit DACs only");
        }
        NativeKernels.Geometry geometry = NativeKernels.geometry(lt, layer, maps);
        int kk = lt.kernel() * lt.kernel();
        int d = array.weightEncoding().columnsPerSlice();
        List<BitSerialKernel.Tile> tiles = new ArrayList<>();
        for (int r = 0; r < lt.rowBlocks(); r++) {
            for (int c = 0; c < lt.columnBlocks(); c++) {
                ArrayTile t = lt.tile(r, c);
                TilePrecisions p = strategy.get(t.index());
                UniformQuantizer inputQ = calibration.input(lt, r, p.inputBits());
                BitSerialAdc tileAdc = calibration.bitserialAdc(t, p,
                        (tile, max) -> recordCounts(lt, tile, p, layer, signed, max));
                PartialSumQuantizer adc = tileAdc.adc();
                int cycles = array.inputCycles(p.inputBits());
                int sliceCount = array.slices(p.weightBits());
                int groups = d * sliceCount;
                int rows = t.inChannels() * kk;
                int outChannels = t.outChannels();
                int columns = groups * outChannels;
                // (rows, columns): the kernel reads one row of every column at a time
                float[] sliced = draw == IDEAL ? (tileAdc.perSlice()
                        ? shiftedLevels(slicedLevels(t, p.weightBits()), t, p.weightBits(), tileAdc)
                        : slicedLevels(t, p.weightBits()))
                        : noise.conductances(slicedLevels(t, p.weightBits()), t, p.weightBits(), groups, rows, draw);
                float[] w = new float[rows * columns];
                for (int column = 0; column < columns; column++) {
                    for (int i = 0; i < rows; i++) {
                        w[i * columns + column] = sliced[column * rows + i];
                    }
                }
                float[] ws = calibration.weights(t, p.weightBits()).scales();
                float[] step = new float[outChannels];
                for (int o = 0; o < outChannels; o++) {
                    step[o] = inputQ.scale() * ws[o];
                }
                UniformQuantizer q = adc.isLossless() ? null : adc.quantizer();
                float offset = array.weightEncoding() == WeightEncoding.OFFSET_COLUMN ? 1 << (p.weightBits() - 1) : 0;
                tiles.add(new BitSerialKernel.Tile(r, t.firstInChannel(), t.inChannels(), t.firstOutChannel(),
                        outChannels, cycles, array.dacBits(), signed, p.inputBits(), groups, q == null,
                        1f / inputQ.scale(), inputQ.min(), inputQ.max(), q == null ? 0f : 1f / q.scale(),
                        q == null ? 0f : q.max(), q == null ? 1f : q.scale(),
                        q == null ? Float.POSITIVE_INFINITY : bitserialEdge(q), offset, w,
                        coefficientValues(p, cycles, sliceCount, d, signed, tileAdc), step,
                        draw == IDEAL ? null : noise.columns(t, p, tileAdc, groups, draw)));
            }
        }
        long images = maps.getShape().get(0);
        NDArray out = NativeFloats.empty(maps.getManager(),
                new Shape(images, lt.outChannels(), geometry.outHeight(), geometry.outWidth()));
        long[] clipped = counter == null ? null : new long[tiles.size()];
        BitSerialKernel.run(maps, geometry, tiles, layer.bias(), out, clipped);
        if (counter != null) {
            long plane = (long) geometry.outHeight() * geometry.outWidth();
            for (int j = 0; j < tiles.size(); j++) {
                BitSerialKernel.Tile tile = tiles.get(j);
                if (!tile.lossless()) {
                    counter.add(lt.tile(tile.rowBlock(), j % lt.columnBlocks()).index(), clipped[j],
                            (double) images * tile.cycles() * tile.groups() * tile.outChannels() * plane);
                }
            }
        }
        return out;
    }

    /**
     * Column counts of the tile at (bIn, bW) on the first calibration images, the bit-serial ADC's calibration,
     * grouped by the output they recombine into, with their shift-add coefficients; at most about {@code maxCounts}.
     */
    private ColumnCounts recordCounts(LayerTiling lt, ArrayTile t, TilePrecisions p, NetworkOp.WeightLayer layer,
                                      boolean signed, int maxCounts) {
        NDArray x = calibrationRun.bitserialInput(layer.name());
        int images = Math.toIntExact(x.getShape().get(0));
        NDArray xq = DacLevels.of(x, 0, images, t.firstInChannel(), t.inChannels(),
                calibration.input(lt, t.rowBlock(), p.inputBits()));
        int cycles = array.inputCycles(p.inputBits());
        int sliceCount = array.slices(p.weightBits());
        int d = array.weightEncoding().columnsPerSlice();
        NDArray counts = TileConvolution.conv(digitPlanes(xq, p, cycles, signed),
                slicedWeights(t, p.weightBits()), layer, 1);
        Shape s = counts.getShape(); // (cycles * images, d * slices * outChannels, H, W)
        try {
            // sampled in place: a heap copy of every count would be up to ~100 MB per (tile, bIn, bW)
            return ColumnCounts.sample(NativeFloats.view(counts), images, d * sliceCount, t.outChannels(),
                    Math.toIntExact(s.get(2) * s.get(3)), coefficientValues(p, cycles, sliceCount, d, signed),
                    maxCounts);
        } finally {
            counts.close();
            xq.close();
        }
    }
}
