package org.cim2pq.sim.cim.inference;

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
import org.cim2pq.sim.cim.array.NetworkTiling;
import org.cim2pq.sim.cim.array.WeightEncoding;
import org.cim2pq.sim.cim.quant.PartialSumQuantizer;
import org.cim2pq.sim.cim.quant.TileCalibration;
import org.cim2pq.sim.cim.quant.TilePrecisions;
import org.cim2pq.sim.cim.quant.UniformQuantizer;
import org.cim2pq.sim.network.FoldedNetwork;
import org.cim2pq.sim.network.NetworkOp;

/**
 * Arraywise quantized execution of a {@link FoldedNetwork} for a strategy (per-tile {@link TilePrecisions} in tile
 * order), at {@link Fidelity#PSUM} or {@link Fidelity#BITSERIAL} fidelity. It only reads calibrated quantizers from
 * {@link TileCalibration}; the bit-serial ADCs are calibrated on first use from the {@link CalibrationRun}.
 *
 * <p>How a layer runs in {@code psum} fidelity: per row block, the input slice is quantized to integer levels with
 * each tile's input quantizer and convolved with the integer weight levels of all the row block's tiles at once
 * (one convolution; one per column block only when their bIn differ). The integer partial sum of each output
 * channel goes through its tile's ADC, is dequantized, and the row blocks are summed; then the bias is added.
 * The convolutions total exactly the FP layer's FLOPs. The quantization ({@link DacLevels}) and everything after the
 * convolutions ({@link PartialSumReadout}) are single Java passes, and the batch runs in chunks of images
 * ({@link #PSUM_CHUNK_BYTES}). Not thread-safe per strategy run; the caches are.
 */
public final class ArraywiseInference implements AutoCloseable {

    /** Bound on one bit-serial chunk's column-count tensor, so the bitserial expansion never holds all images. */
    public static final long BITSERIAL_CHUNK_BYTES = 128L << 20;

    private final NetworkProgram program;
    private final NetworkTiling tiling;
    private final ArrayConfig array;
    private final TileCalibration calibration;
    private final CalibrationRun calibrationRun;
    private final Fidelity fidelity;
    private final boolean clippingStatistics;
    private final NDManager manager;
    private final Map<String, NDArray> biases = new ConcurrentHashMap<>();
    private final Map<String, NDArray> levels = new ConcurrentHashMap<>();
    private final Map<String, NDArray> slices = new ConcurrentHashMap<>();

    /**
     * @param calibrationRun needed for {@link Fidelity#BITSERIAL} (column counts are recorded from it); may be null
     *        for {@link Fidelity#PSUM}
     * @param clippingStatistics whether to count saturated ADC conversions per tile (costs a few elementwise ops)
     */
    public ArraywiseInference(FoldedNetwork network, TileCalibration calibration, CalibrationRun calibrationRun,
                              Fidelity fidelity, boolean clippingStatistics, NDManager parent) {
        if (fidelity == Fidelity.BITSERIAL && calibrationRun == null) {
            throw new IllegalArgumentException("bitserial fidelity needs the calibration run to record column counts");
        }
        this.program = new NetworkProgram(network);
        this.tiling = calibration.tiling();
        this.array = tiling.config();
        this.calibration = calibration;
        this.calibrationRun = calibrationRun;
        this.fidelity = fidelity;
        this.clippingStatistics = clippingStatistics;
        this.manager = parent.newSubManager();
        for (NetworkOp.WeightLayer w : network.weightLayers()) {
            biases.put(w.name(), manager.create(w.bias()).reshape(1, w.outChannels(), 1, 1));
        }
    }

    public NetworkProgram program() {
        return program;
    }

    public Fidelity fidelity() {
        return fidelity;
    }

    /** Logits for {@code input} under {@code strategy}, attached to {@code input}'s manager. */
    public NDArray forward(NDArray input, List<TilePrecisions> strategy, PartialSumClipping clipping) {
        return program.run(input, kernel(strategy, clipping), input.getManager());
    }

    /** The layer kernel for {@code strategy}; {@code clipping} may be null. */
    public LayerKernel kernel(List<TilePrecisions> strategy, PartialSumClipping clipping) {
        if (strategy.size() != tiling.tiles().size()) {
            throw new IllegalArgumentException("strategy has " + strategy.size() + " tile precisions, network has "
                    + tiling.tiles().size() + " tiles");
        }
        PartialSumClipping counter = clippingStatistics ? clipping : null;
        return (layerIndex, layer, x) -> layer(tiling.layers().get(layerIndex), layer, x, strategy, counter);
    }

    private NDArray layer(LayerTiling lt, NetworkOp.WeightLayer layer, NDArray x, List<TilePrecisions> strategy,
                          PartialSumClipping counter) {
        NDArray maps = TileConvolution.asMaps(x);
        NDArray y;
        if (fidelity == Fidelity.PSUM) {
            y = psum(lt, layer, maps, strategy, counter);
        } else {
            InputLevels inputs = new InputLevels(lt, maps, strategy);
            boolean signed = calibration.signedInput(layer.name());
            y = null;
            for (int r = 0; r < lt.rowBlocks(); r++) {
                NDArray block = bitserialRowBlock(lt, r, layer, inputs, strategy, signed, counter);
                y = y == null ? block : y.addi(block);
            }
            y.addi(biases.get(layer.name()));
        }
        return layer instanceof NetworkOp.Linear ? y.reshape(y.getShape().get(0), lt.outChannels()) : y;
    }

    /**
     * Rounds {@code v} to the nearest integer (ties to even, like {@code torch.round}) in place: adding and
     * subtracting 1.5 * 2^23 leaves float32 no fraction bits. Exact for |v| < 2^22; callers clip first. In place
     * because allocating a fresh output costs several times the arithmetic on large activations.
     */
    private static NDArray roundInPlace(NDArray v) {
        return v.addi(NativeFloats.ROUNDING_MAGIC).subi(NativeFloats.ROUNDING_MAGIC);
    }

    /**
     * A layer's input as integer levels, per (row block, input quantizer): the tiles of one row block share the
     * input slice, so its levels are computed once per distinct quantizer, each into its own contiguous tensor.
     */
    private final class InputLevels {
        private final LayerTiling lt;
        private final NDArray maps;
        private final int fromImage;
        private final int images;
        private final List<TilePrecisions> strategy;
        private final Map<String, NDArray> bySlice = new java.util.HashMap<>();

        /** The whole batch of {@code maps}. */
        InputLevels(LayerTiling lt, NDArray maps, List<TilePrecisions> strategy) {
            this(lt, maps, 0, Math.toIntExact(maps.getShape().get(0)), strategy);
        }

        /** Images {@code fromImage .. fromImage+images-1} of {@code maps}. */
        InputLevels(LayerTiling lt, NDArray maps, int fromImage, int images, List<TilePrecisions> strategy) {
            this.lt = lt;
            this.maps = maps;
            this.fromImage = fromImage;
            this.images = images;
            this.strategy = strategy;
        }

        UniformQuantizer quantizer(int r, int c) {
            return calibration.input(lt, r, strategy.get(lt.tile(r, c).index()).inputBits());
        }

        /** Whether every tile of the layer uses the same bIn. */
        boolean uniform() {
            int bits = strategy.get(lt.tiles().get(0).index()).inputBits();
            for (ArrayTile t : lt.tiles()) {
                if (strategy.get(t.index()).inputBits() != bits) {
                    return false;
                }
            }
            return true;
        }

        NDArray levels(int r, int c) {
            ArrayTile t = lt.tile(r, c);
            UniformQuantizer q = quantizer(r, c);
            return bySlice.computeIfAbsent(r + "/" + q,
                    key -> DacLevels.of(maps, fromImage, images, t.firstInChannel(), t.inChannels(), q));
        }

        /** The whole input, each row block's channels with its own quantizer (tiles of a uniform layer). */
        NDArray whole() {
            UniformQuantizer[] q = new UniformQuantizer[lt.inChannels()];
            for (int r = 0; r < lt.rowBlocks(); r++) {
                ArrayTile t = lt.tile(r, 0);
                java.util.Arrays.fill(q, t.firstInChannel(), t.firstInChannel() + t.inChannels(), quantizer(r, 0));
            }
            return DacLevels.of(maps, fromImage, images, 0, q);
        }
    }

    // ---- psum fidelity ---------------------------------------------------------------------------------------

    /**
     * Largest fraction of zero input channels the grouped convolution may add to even out the row blocks
     * (measured on 2 cores: separate convolutions per row block cost more above this; see docs/sim-benchmarks.md).
     */
    public static final double MAX_GROUP_PADDING = 0.0;

    private static boolean groupable(LayerTiling lt) {
        int padded = lt.inChannelsPerRowBlock() * lt.rowBlocks();
        return lt.rowBlocks() > 1 && padded - lt.inChannels() <= MAX_GROUP_PADDING * lt.inChannels();
    }

    /**
     * Bytes of temporaries (input levels and partial sums) one chunk of images may hold in {@code psum} fidelity.
     * A layer runs chunk by chunk so they stay in cache and below glibc's mmap threshold (32 MiB), where freed
     * memory is reused instead of being mapped fresh: a 16-channel ResNet-8 layer takes 65-70 ms at 32-250 images
     * per chunk against 135 ms in one piece (docs/sim-benchmarks.md). Each image's result does not depend on it.
     */
    public static final long PSUM_CHUNK_BYTES = 16L << 20;

    /**
     * A layer in psum fidelity: per row block, the integer input levels are convolved with the integer weight
     * levels of the row block's tiles (the ADC gain of lossy tiles folded into the weights), in one convolution
     * when their bIn agree; when the whole layer shares one bIn and the row blocks are even, all row blocks run
     * as one grouped convolution. Then {@link PartialSumReadout} applies the ADCs, dequantizes, sums the row
     * blocks and adds the bias in one pass. The convolutions total exactly the FP layer's FLOPs.
     */
    private NDArray psum(LayerTiling lt, NetworkOp.WeightLayer layer, NDArray maps, List<TilePrecisions> strategy,
                         PartialSumClipping counter) {
        int rb = lt.rowBlocks();
        int cout = lt.outChannels();
        float[][] limit = new float[rb][cout];
        float[][] step = new float[rb][cout];
        int firstTile = lt.tiles().get(0).index(); // a layer's tiles are consecutive in tile order
        float[][] gains = new float[lt.tiles().size()][];
        InputLevels inputs = new InputLevels(lt, maps, strategy);
        for (ArrayTile t : lt.tiles()) {
            TilePrecisions p = strategy.get(t.index());
            float inputScale = inputs.quantizer(t.rowBlock(), t.columnBlock()).scale();
            float[] ws = calibration.weights(t, p.weightBits()).scales();
            PartialSumQuantizer adc = calibration.partialSum(t, p.psumBits());
            float[] gain = new float[t.outChannels()];
            for (int o = 0; o < t.outChannels(); o++) {
                int ch = t.firstOutChannel() + o;
                float levelScale = inputScale * ws[o];
                if (adc.isLossless()) {
                    gain[o] = 1f; // integer sums pass unchanged and stay exact
                    limit[t.rowBlock()][ch] = Float.POSITIVE_INFINITY;
                    step[t.rowBlock()][ch] = levelScale;
                } else {
                    gain[o] = levelScale / adc.quantizer().scale();
                    limit[t.rowBlock()][ch] = adc.quantizer().max();
                    step[t.rowBlock()][ch] = adc.quantizer().scale();
                }
            }
            gains[t.index() - firstTile] = gain;
        }
        NDManager m = maps.getManager();
        // the weights of each convolution, once per layer: (row block, column block or -1 for all, weights)
        record Convolution(int rowBlock, int columnBlock, NDArray weights) {}
        boolean grouped = groupable(lt) && inputs.uniform();
        List<Convolution> convolutions = new java.util.ArrayList<>();
        if (grouped) {
            convolutions.add(new Convolution(0, -1, groupedWeights(lt, strategy, gains, m)));
        } else {
            for (int r = 0; r < rb; r++) {
                boolean sameInput = true;
                for (int c = 1; c < lt.columnBlocks(); c++) {
                    sameInput &= inputs.quantizer(r, c).equals(inputs.quantizer(r, 0));
                }
                NDList w = new NDList();
                for (int c = 0; c < lt.columnBlocks(); c++) {
                    ArrayTile t = lt.tile(r, c);
                    w.add(gainedWeights(t, strategy, gains[t.index() - firstTile], m));
                    if (!sameInput) { // one convolution per input quantizer
                        convolutions.add(new Convolution(r, c, w.get(c)));
                    }
                }
                if (sameInput) {
                    convolutions.add(new Convolution(r, -1, w.size() == 1 ? w.get(0) : NDArrays.concat(w, 0)));
                }
            }
        }
        Shape in = maps.getShape();
        int images = Math.toIntExact(in.get(0));
        long perImage = Float.BYTES * (in.size() / images + (long) rb * cout * in.get(2) * in.get(3));
        int chunk = (int) Math.max(1, Math.min(images, PSUM_CHUNK_BYTES / perImage));
        int sample = counter == null ? 0 : Math.min(CLIPPING_SAMPLE_IMAGES, images);
        double[][] clipped = counter == null ? null : new double[rb][cout];
        PartialSumReadout.Adc adc = new PartialSumReadout.Adc(limit, step);
        NDArray out = null;
        for (int from = 0; from < images; from += chunk) {
            int count = Math.min(chunk, images - from);
            try (NDScope chunkScope = new NDScope()) { // the chunk's levels and partial sums are freed at once
                chunkScope.suppressNotUsedWarning();
                InputLevels levels = new InputLevels(lt, maps, from, count, strategy);
                List<PartialSumReadout.Part> parts = new java.util.ArrayList<>();
                for (Convolution conv : convolutions) {
                    if (grouped) {
                        NDArray acc = TileConvolution.conv(levels.whole(), conv.weights(), layer, rb);
                        int stride = imageSize(acc);
                        for (int r = 0; r < rb; r++) {
                            parts.add(new PartialSumReadout.Part(r, acc, stride, r * stride / rb, 0, cout));
                        }
                    } else {
                        boolean all = conv.columnBlock() < 0; // every column block of the row block at once
                        ArrayTile t = lt.tile(conv.rowBlock(), all ? 0 : conv.columnBlock());
                        NDArray acc = TileConvolution.conv(levels.levels(t.rowBlock(), t.columnBlock()),
                                conv.weights(), layer, 1);
                        parts.add(new PartialSumReadout.Part(t.rowBlock(), acc, imageSize(acc), 0,
                                all ? 0 : t.firstOutChannel(), all ? cout : t.outChannels()));
                    }
                }
                if (out == null) {
                    Shape s = parts.get(0).sums().getShape();
                    out = NativeFloats.empty(m, new Shape(images, cout, s.get(2), s.get(3)));
                    NDScope.unregister(out); // outlives the chunk
                }
                PartialSumReadout.run(parts, adc, layer.bias(), out, from, count, sample, clipped);
            }
        }
        NDScope.register(out); // owned by the layer's scope, like every other result of an op
        if (counter != null) {
            double conversions = (double) sample * out.getShape().get(2) * out.getShape().get(3);
            for (ArrayTile t : lt.tiles()) {
                if (strategy.get(t.index()).isPsumLossless()) {
                    continue;
                }
                double sum = 0;
                for (int o = 0; o < t.outChannels(); o++) {
                    sum += clipped[t.rowBlock()][t.firstOutChannel() + o];
                }
                counter.add(t.index(), sum, conversions * t.outChannels());
            }
        }
        return out;
    }

    private static int imageSize(NDArray a) {
        return Math.toIntExact(a.size() / a.getShape().get(0));
    }

    /** Row block r's tiles' gained weight levels as group r of one grouped convolution. */
    private NDArray groupedWeights(LayerTiling lt, List<TilePrecisions> strategy, float[][] gains, NDManager m) {
        int per = lt.inChannelsPerRowBlock();
        int cout = lt.outChannels();
        int k2 = lt.kernel() * lt.kernel();
        float[] w = new float[lt.rowBlocks() * cout * per * k2];
        for (ArrayTile t : lt.tiles()) {
            float[] lv = calibration.weights(t, strategy.get(t.index()).weightBits()).levels();
            float[] gain = gains[t.index() - lt.tiles().get(0).index()];
            int rowLength = t.inChannels() * k2;
            for (int o = 0; o < t.outChannels(); o++) {
                int ch = t.rowBlock() * cout + t.firstOutChannel() + o;
                for (int i = 0; i < rowLength; i++) {
                    w[ch * per * k2 + i] = lv[o * rowLength + i] * gain[o];
                }
            }
        }
        return m.create(w, TileConvolution.weightShape(lt.rowBlocks() * cout, per, lt.kernel()));
    }

    /** Tile weight levels times the per-channel ADC gain (1 for a lossless ADC: the exact integer levels). */
    private NDArray gainedWeights(ArrayTile t, List<TilePrecisions> strategy, float[] gain, NDManager m) {
        NDArray w = levelWeights(t, strategy.get(t.index()).weightBits());
        boolean unit = true;
        for (float g : gain) {
            unit &= g == 1f;
        }
        return unit ? w : w.mul(m.create(gain).reshape(gain.length, 1, 1, 1));
    }

    /** Images of the batch on which ADC saturation is counted. */
    public static final int CLIPPING_SAMPLE_IMAGES = 128;

    /** Cached arrays are created lazily inside a layer's NDScope; they must outlive it. */
    private static NDArray cached(NDArray array) {
        NDScope.unregister(array);
        return array;
    }

    private static NDArray channelVector(NDManager m, float[] values) {
        return m.create(values).reshape(1, values.length, 1, 1);
    }

    private NDArray levelWeights(ArrayTile t, int bits) {
        return levels.computeIfAbsent(t.id() + "/" + bits, key -> cached(manager.create(
                calibration.weights(t, bits).levels(),
                TileConvolution.weightShape(t.outChannels(), t.inChannels(), t.kernel()))));
    }

    // ---- bitserial fidelity ----------------------------------------------------------------------------------

    private NDArray bitserialRowBlock(LayerTiling lt, int r, NetworkOp.WeightLayer layer, InputLevels inputs,
                                      List<TilePrecisions> strategy, boolean signed, PartialSumClipping counter) {
        NDList parts = new NDList();
        float[] step = new float[lt.outChannels()];
        for (int c = 0; c < lt.columnBlocks(); c++) {
            ArrayTile t = lt.tile(r, c);
            TilePrecisions p = strategy.get(t.index());
            UniformQuantizer inputQ = inputs.quantizer(r, c);
            PartialSumQuantizer adc = calibration.bitserialAdc(t, p,
                    () -> recordCounts(lt, r, t, p, layer, signed));
            parts.add(bitserialTile(inputs.levels(r, c), t, p, adc, layer, signed, counter));
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
    private NDArray bitserialTile(NDArray xq, ArrayTile t, TilePrecisions p, PartialSumQuantizer adc,
                                  NetworkOp.WeightLayer layer, boolean signed, PartialSumClipping counter) {
        int cycles = array.inputCycles(p.inputBits());
        int sliceCount = array.slices(p.weightBits());
        int d = array.weightEncoding().columnsPerSlice();
        NDArray w = slicedWeights(t, p.weightBits());
        NDArray coefficients = coefficients(xq.getManager(), p, cycles, sliceCount, d, signed);
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
                NDArray counts = TileConvolution.conv(digitPlanes(x, p, cycles, signed), w, layer, 1);
                if (!adc.isLossless()) {
                    UniformQuantizer q = adc.quantizer();
                    if (counter != null) {
                        double clipped = counts.gt(q.max() * q.scale() + q.scale() / 2).toType(DataType.FLOAT32, false)
                                .sum().getFloat();
                        counter.add(t.index(), clipped, counts.getShape().size());
                    }
                    // counts are >= 0: scale, clamp to the top level, round, dequantize (in place where possible)
                    counts = roundInPlace(counts.muli(1f / q.scale()).clip(0, q.max())).muli(q.scale());
                }
                Shape s = counts.getShape();
                y = counts.reshape(cycles, end - start, d, sliceCount, t.outChannels(), s.get(2), s.get(3))
                        .muli(coefficients).sum(new int[] {0, 2, 3});
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

    private NDArray coefficients(NDManager m, TilePrecisions p, int cycles, int sliceCount, int d, boolean signed) {
        if (signed && array.dacBits() != 1) {
            throw new UnsupportedOperationException("bitserial fidelity supports signed inputs with 1-bit DACs only");
        }
        float[] coef = new float[cycles * d * sliceCount];
        for (int z = 0; z < cycles; z++) {
            double a = Math.pow(1 << array.dacBits(), z);
            if (signed && z == cycles - 1) {
                a = -a; // the sign bit of a two's-complement input weighs -2^(bIn-1)
            }
            for (int sign = 0; sign < d; sign++) {
                for (int k = 0; k < sliceCount; k++) {
                    coef[(z * d + sign) * sliceCount + k] =
                            (float) (a * (sign == 0 ? 1 : -1) * Math.pow(1 << array.cellBits(), k));
                }
            }
        }
        return m.create(coef).reshape(cycles, 1, d, sliceCount, 1, 1, 1);
    }

    /**
     * The tile's weight levels cut into cell slices, {@code (d * slices * outChannels, inChannels, k, k)} ordered
     * (sign, slice, channel): differential pairs hold the positive and negative parts' magnitudes, the offset
     * encoding holds {@code w + 2^(bW-1)}.
     */
    private NDArray slicedWeights(ArrayTile t, int bits) {
        return slices.computeIfAbsent(t.id() + "/" + bits, key -> {
            float[] lv = calibration.weights(t, bits).levels();
            int sliceCount = array.slices(bits);
            int d = array.weightEncoding().columnsPerSlice();
            int cellLevels = 1 << array.cellBits();
            int row = lv.length / t.outChannels();
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
            return cached(manager.create(out, TileConvolution.weightShape(d * sliceCount * t.outChannels(),
                    row / (t.kernel() * t.kernel()), t.kernel())));
        });
    }

    /** Column counts of the tile at (bIn, bW) on the first calibration images: the bit-serial ADC's calibration. */
    private float[] recordCounts(LayerTiling lt, int r, ArrayTile t, TilePrecisions p, NetworkOp.WeightLayer layer,
                                 boolean signed) {
        NDArray x = calibrationRun.bitserialInput(layer.name());
        NDArray xq = DacLevels.of(x, 0, Math.toIntExact(x.getShape().get(0)), t.firstInChannel(), t.inChannels(),
                calibration.input(lt, r, p.inputBits()));
        int cycles = array.inputCycles(p.inputBits());
        NDArray counts = TileConvolution.conv(digitPlanes(xq, p, cycles, signed),
                slicedWeights(t, p.weightBits()), layer, 1);
        float[] values = counts.toFloatArray();
        counts.close();
        xq.close();
        return values;
    }

    @Override
    public void close() {
        manager.close();
    }
}
