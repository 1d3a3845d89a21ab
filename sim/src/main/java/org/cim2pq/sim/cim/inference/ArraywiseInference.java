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
 * The convolutions total exactly the FP layer's FLOPs. Where it is built, the native {@link PartialSumKernel} does
 * all of this per image without writing a partial sum; otherwise the convolutions run on DJL, the quantization
 * ({@link DacLevels}) and everything after the convolutions ({@link PartialSumReadout}) are single Java passes, and
 * the batch runs in chunks of images ({@link #PSUM_CHUNK_BYTES}). Both give the same floats. {@code bitserial}
 * fidelity likewise runs on the native {@link BitSerialKernel} or on DJL tensors. Not thread-safe per strategy run;
 * the caches are.
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
    private final boolean nativeKernel;
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
        this(network, calibration, calibrationRun, fidelity, clippingStatistics,
                NativeKernels.enabledByDefault(), parent);
    }

    /**
     * @param nativeKernel run quantized layers on the native {@link PartialSumKernel} or {@link BitSerialKernel}
     *        (they must be {@linkplain #nativeKernelsAvailable() available}) rather than on DJL; the results are the
     *        same
     */
    public ArraywiseInference(FoldedNetwork network, TileCalibration calibration, CalibrationRun calibrationRun,
                              Fidelity fidelity, boolean clippingStatistics, boolean nativeKernel,
                              NDManager parent) {
        if (nativeKernel && !NativeKernels.available()) {
            throw new IllegalStateException("the native kernels are not available: " + NativeKernels.describe());
        }
        this.nativeKernel = nativeKernel;
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

    /** Whether the native kernels are loaded in this JVM. */
    public static boolean nativeKernelsAvailable() {
        return NativeKernels.available();
    }

    /** Whether quantized layers run on the native kernels by default (available, not turned off by a property). */
    public static boolean nativeKernelsEnabledByDefault() {
        return NativeKernels.enabledByDefault();
    }

    /** Which implementation runs quantized layers by default, in one line (for benchmarks and logs). */
    public static String defaultKernels() {
        return NativeKernels.describe();
    }

    /** Whether this instance runs its layers on the native kernels. */
    public boolean usesNativeKernels() {
        return nativeKernel;
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
        } else if (nativeKernel) {
            y = nativeBitserial(lt, layer, maps, strategy, counter);
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

        NDArray levels(int r, int c) {
            ArrayTile t = lt.tile(r, c);
            UniformQuantizer q = quantizer(r, c);
            return bySlice.computeIfAbsent(r + "/" + q,
                    key -> DacLevels.of(maps, fromImage, images, t.firstInChannel(), t.inChannels(), q));
        }
    }

    // ---- psum fidelity ---------------------------------------------------------------------------------------

    /**
     * Bytes of temporaries (input levels and partial sums) one chunk of images may hold in {@code psum} fidelity.
     * A layer runs chunk by chunk so they stay in cache and below glibc's mmap threshold (32 MiB), where freed
     * memory is reused instead of being mapped fresh: a 16-channel ResNet-8 layer takes 65-70 ms at 32-250 images
     * per chunk against 135 ms in one piece (docs/sim-benchmarks.md). Each image's result does not depend on it.
     */
    public static final long PSUM_CHUNK_BYTES = 16L << 20;

    /**
     * A convolution of row block {@code rowBlock}'s input through one DAC quantizer: with the weights of column
     * block {@code columnBlock}, or of all the row block's column blocks when it is -1 (their bIn agree).
     */
    private record BlockConvolution(int rowBlock, int columnBlock) {}

    /**
     * A layer in psum fidelity: per row block, the integer input levels are convolved with the integer weight
     * levels of the row block's tiles, in one convolution when their bIn agree. The partial sums are exact integers
     * (below 2^24 for up to 8-bit inputs and weights on 128 rows). Each goes through its tile's ADC
     * ({@code round(clamp(S * gain, -L, L)) * step}), the row blocks are summed in order and the bias is added. The
     * native {@link PartialSumKernel} does all of it per image without writing a partial sum; the DJL path runs the
     * convolutions in PyTorch and the rest in {@link PartialSumReadout}, with the same result bit for bit.
     */
    private NDArray psum(LayerTiling lt, NetworkOp.WeightLayer layer, NDArray maps, List<TilePrecisions> strategy,
                         PartialSumClipping counter) {
        int rb = lt.rowBlocks();
        int cout = lt.outChannels();
        float[][] gain = new float[rb][cout];
        float[][] limit = new float[rb][cout];
        float[][] step = new float[rb][cout];
        InputLevels inputs = new InputLevels(lt, maps, strategy);
        for (ArrayTile t : lt.tiles()) {
            TilePrecisions p = strategy.get(t.index());
            float inputScale = inputs.quantizer(t.rowBlock(), t.columnBlock()).scale();
            float[] ws = calibration.weights(t, p.weightBits()).scales();
            PartialSumQuantizer adc = calibration.partialSum(t, p.psumBits());
            for (int o = 0; o < t.outChannels(); o++) {
                int ch = t.firstOutChannel() + o;
                float levelScale = inputScale * ws[o];
                if (adc.isLossless()) {
                    gain[t.rowBlock()][ch] = 1f; // integer sums pass unchanged and stay exact
                    limit[t.rowBlock()][ch] = Float.POSITIVE_INFINITY;
                    step[t.rowBlock()][ch] = levelScale;
                } else {
                    gain[t.rowBlock()][ch] = levelScale / adc.quantizer().scale();
                    limit[t.rowBlock()][ch] = adc.quantizer().max();
                    step[t.rowBlock()][ch] = adc.quantizer().scale();
                }
            }
        }
        List<BlockConvolution> convolutions = new java.util.ArrayList<>();
        for (int r = 0; r < rb; r++) {
            boolean sameInput = true;
            for (int c = 1; c < lt.columnBlocks(); c++) {
                sameInput &= inputs.quantizer(r, c).equals(inputs.quantizer(r, 0));
            }
            if (sameInput) {
                convolutions.add(new BlockConvolution(r, -1));
            } else {
                for (int c = 0; c < lt.columnBlocks(); c++) {
                    convolutions.add(new BlockConvolution(r, c));
                }
            }
        }
        int images = Math.toIntExact(maps.getShape().get(0));
        int sample = counter == null ? 0 : Math.min(CLIPPING_SAMPLE_IMAGES, images);
        double[][] clipped = counter == null ? null : new double[rb][cout];
        NDArray out = nativeKernel
                ? nativePsum(lt, layer, maps, strategy, inputs, convolutions, gain, limit, step, sample, clipped)
                : djlPsum(lt, layer, maps, strategy, convolutions, new PartialSumReadout.Adc(gain, limit, step), sample,
                        clipped);
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

    /**
     * The layer on DJL: each convolution in PyTorch, then {@link PartialSumReadout}, chunk by chunk of images
     * ({@link #PSUM_CHUNK_BYTES}).
     */
    private NDArray djlPsum(LayerTiling lt, NetworkOp.WeightLayer layer, NDArray maps, List<TilePrecisions> strategy,
                            List<BlockConvolution> convolutions, PartialSumReadout.Adc adc, int sample,
                            double[][] clipped) {
        int rb = lt.rowBlocks();
        int cout = lt.outChannels();
        Shape in = maps.getShape();
        int images = Math.toIntExact(in.get(0));
        NDManager m = maps.getManager();
        List<NDArray> weights = new java.util.ArrayList<>();
        for (BlockConvolution conv : convolutions) {
            NDList w = new NDList();
            for (int c = 0; c < lt.columnBlocks(); c++) {
                if (conv.columnBlock() < 0 || conv.columnBlock() == c) {
                    ArrayTile t = lt.tile(conv.rowBlock(), c);
                    w.add(levelWeights(t, strategy.get(t.index()).weightBits()));
                }
            }
            weights.add(w.size() == 1 ? w.get(0) : NDArrays.concat(w, 0));
        }
        NDArray out = null;
        long perImage = Float.BYTES * (in.size() / images + (long) rb * cout * in.get(2) * in.get(3));
        int chunk = (int) Math.max(1, Math.min(images, PSUM_CHUNK_BYTES / perImage));
        for (int from = 0; from < images; from += chunk) {
            int count = Math.min(chunk, images - from);
            try (NDScope chunkScope = new NDScope()) { // the chunk's levels and partial sums are freed at once
                chunkScope.suppressNotUsedWarning();
                InputLevels levels = new InputLevels(lt, maps, from, count, strategy);
                List<PartialSumReadout.Part> parts = new java.util.ArrayList<>();
                for (int j = 0; j < convolutions.size(); j++) {
                    BlockConvolution conv = convolutions.get(j);
                    boolean all = conv.columnBlock() < 0;
                    ArrayTile t = lt.tile(conv.rowBlock(), all ? 0 : conv.columnBlock());
                    NDArray acc = TileConvolution.conv(levels.levels(t.rowBlock(), t.columnBlock()),
                            weights.get(j), layer, 1);
                    parts.add(new PartialSumReadout.Part(t.rowBlock(), acc, imageSize(acc), 0,
                            all ? 0 : t.firstOutChannel(), all ? cout : t.outChannels()));
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
        return out;
    }

    /** The layer on {@link PartialSumKernel}: same convolutions, same ADC parameters, one native pass. */
    private NDArray nativePsum(LayerTiling lt, NetworkOp.WeightLayer layer, NDArray maps,
                               List<TilePrecisions> strategy, InputLevels inputs, List<BlockConvolution> convolutions,
                               float[][] gain, float[][] limit, float[][] step, int sample, double[][] clipped) {
        int k = lt.kernel();
        NativeKernels.Geometry geometry = NativeKernels.geometry(lt, layer, maps);
        List<PartialSumKernel.Convolution> kernels = new java.util.ArrayList<>();
        for (BlockConvolution conv : convolutions) {
            int r = conv.rowBlock();
            int columnBlock = conv.columnBlock();
            List<ArrayTile> tiles = new java.util.ArrayList<>();
            for (int c = 0; c < lt.columnBlocks(); c++) {
                if (columnBlock < 0 || columnBlock == c) {
                    tiles.add(lt.tile(r, c));
                }
            }
            ArrayTile first = tiles.get(0);
            int rows = first.inChannels() * k * k;
            int channels = 0;
            for (ArrayTile t : tiles) {
                channels += t.outChannels();
            }
            // (rows, channels) weight levels: the kernel reads one row of every output channel at a time
            float[] w = new float[rows * channels];
            for (ArrayTile t : tiles) {
                float[] lv = calibration.weights(t, strategy.get(t.index()).weightBits()).levels();
                int column = t.firstOutChannel() - first.firstOutChannel();
                for (int o = 0; o < t.outChannels(); o++) {
                    for (int i = 0; i < rows; i++) {
                        w[i * channels + column + o] = lv[o * rows + i];
                    }
                }
            }
            UniformQuantizer q = inputs.quantizer(r, first.columnBlock());
            kernels.add(new PartialSumKernel.Convolution(r, first.firstInChannel(), first.inChannels(),
                    first.firstOutChannel(), channels, 1f / q.scale(), q.min(), q.max(), w));
        }
        NDArray out = NativeFloats.empty(maps.getManager(), new Shape(maps.getShape().get(0), lt.outChannels(),
                geometry.outHeight(), geometry.outWidth()));
        PartialSumKernel.run(maps, geometry, kernels, gain, limit, step, layer.bias(), out, sample, clipped);
        return out;
    }

    private static int imageSize(NDArray a) {
        return Math.toIntExact(a.size() / a.getShape().get(0));
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
                        long clipped = counts.gt(bitserialEdge(q)).toType(DataType.INT64, false).sum().getLong();
                        counter.add(t.index(), clipped, counts.getShape().size());
                    }
                    // counts are >= 0: scale, clamp to the top level, round to ADC levels (in place)
                    counts = roundInPlace(counts.muli(1f / q.scale()).clip(0, q.max()));
                }
                // sum_z,k coefficient * level is a sum of integers: exact in double in any order, so the native
                // kernel's order gives the same value; dequantized once, after the sum
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

    private NDArray coefficients(NDManager m, TilePrecisions p, int cycles, int sliceCount, int d, boolean signed) {
        return m.create(coefficientValues(p, cycles, sliceCount, d, signed)).reshape(cycles, 1, d, sliceCount, 1, 1, 1);
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
            return cached(manager.create(slicedLevels(t, bits), TileConvolution.weightShape(
                    d * array.slices(bits) * t.outChannels(), t.inChannels(), t.kernel())));
        });
    }

    /** The cell levels of {@link #slicedWeights}, {@code (d * slices * outChannels, rows)} row-major. */
    private float[] slicedLevels(ArrayTile t, int bits) {
        float[] lv = calibration.weights(t, bits).levels();
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
                                    List<TilePrecisions> strategy, PartialSumClipping counter) {
        boolean signed = calibration.signedInput(layer.name());
        if (signed && array.dacBits() != 1) {
            throw new UnsupportedOperationException("bitserial fidelity supports signed inputs with 1-bit DACs only");
        }
        NativeKernels.Geometry geometry = NativeKernels.geometry(lt, layer, maps);
        int kk = lt.kernel() * lt.kernel();
        int d = array.weightEncoding().columnsPerSlice();
        List<BitSerialKernel.Tile> tiles = new java.util.ArrayList<>();
        for (int r = 0; r < lt.rowBlocks(); r++) {
            for (int c = 0; c < lt.columnBlocks(); c++) {
                ArrayTile t = lt.tile(r, c);
                TilePrecisions p = strategy.get(t.index());
                int rowBlock = r;
                UniformQuantizer inputQ = calibration.input(lt, r, p.inputBits());
                PartialSumQuantizer adc = calibration.bitserialAdc(t, p,
                        () -> recordCounts(lt, rowBlock, t, p, layer, signed));
                int cycles = array.inputCycles(p.inputBits());
                int sliceCount = array.slices(p.weightBits());
                int groups = d * sliceCount;
                int rows = t.inChannels() * kk;
                int outChannels = t.outChannels();
                int columns = groups * outChannels;
                // (rows, columns): the kernel reads one row of every column at a time
                float[] sliced = slicedLevels(t, p.weightBits());
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
                        coefficientValues(p, cycles, sliceCount, d, signed), step));
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
