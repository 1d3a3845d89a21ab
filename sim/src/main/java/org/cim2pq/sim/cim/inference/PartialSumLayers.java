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
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import org.cim2pq.sim.cim.array.ArrayTile;
import org.cim2pq.sim.cim.array.LayerTiling;
import org.cim2pq.sim.cim.array.WeightEncoding;
import org.cim2pq.sim.cim.quant.PartialSumQuantizer;
import org.cim2pq.sim.cim.quant.TileCalibration;
import org.cim2pq.sim.cim.quant.TilePrecisions;
import org.cim2pq.sim.cim.quant.UniformQuantizer;
import org.cim2pq.sim.network.NetworkOp;

/**
 * The weight layers of {@link ArraywiseInference} in {@link Fidelity#PSUM} fidelity: per row block, the input slice is
 * quantized to integer levels with each tile's input quantizer and convolved with the integer weight levels of all
 * the row block's tiles at once (one convolution; one per column block only when their bIn differ). The integer
 * partial sum of each output channel goes through its tile's ADC, is dequantized, and the row blocks are summed;
 * then the bias is added. Where it is built, the native {@link PartialSumKernel} does all of this per image without
 * writing a partial sum; otherwise the convolutions run on DJL, the quantization ({@link DacLevels}) and everything
 * after the convolutions ({@link PartialSumReadout}) are single Java passes, and the batch runs in chunks of images
 * ({@link #PSUM_CHUNK_BYTES}). Both give the same floats.
 */
final class PartialSumLayers implements ArraywiseInference.FidelityLayers {

    private final TileCalibration calibration;
    private final CalibrationRun calibrationRun;
    private final boolean nativeKernel;
    private final NDManager manager;
    private final Map<String, NDArray> levels = new ConcurrentHashMap<>();
    /** The non-idealities, or null on the ideal machine (whose code path is then exactly the noiseless one). */
    private final ArrayNoise noise;

    /**
     * @param calibrationRun the layer inputs to record quantized partial sums from (when the configuration asks for
     *        it), or null
     * @param noise the non-idealities, or null for the ideal machine
     * @param manager owns the cached weight levels
     */
    PartialSumLayers(TileCalibration calibration, CalibrationRun calibrationRun, boolean nativeKernel,
                     ArrayNoise noise, NDManager manager) {
        if (noise != null && calibration.tiling().config().weightEncoding() == WeightEncoding.OFFSET_COLUMN) {
            throw new IllegalArgumentException("noise is modelled on differential pairs only, not the offset encoding");
        }
        this.calibration = calibration;
        this.calibrationRun = calibrationRun;
        this.nativeKernel = nativeKernel;
        this.noise = noise;
        this.manager = manager;
    }

    /**
     * Bytes of temporaries (input levels and partial sums) one chunk of images may hold in {@code psum} fidelity.
     * A layer runs chunk by chunk so they stay in cache and below glibc's mmap threshold (32 MiB), where freed
     * memory is reused instead of being mapped fresh (figures: docs/sim-benchmarks.md). Each image's result does not
     * depend on it.
     */
    static final long PSUM_CHUNK_BYTES = 16L << 20;

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
    @Override
    public NDArray apply(LayerTiling lt, NetworkOp.WeightLayer layer, NDArray maps, List<TilePrecisions> strategy,
                         PartialSumClipping counter) {
        if (noise != null) {
            return noise.perDraw(maps, (part, d) -> noisyDraw(lt, layer, part, strategy, counter, d));
        }
        int rb = lt.rowBlocks();
        int cout = lt.outChannels();
        float[][] gain = new float[rb][cout];
        float[][] limit = new float[rb][cout];
        float[][] step = new float[rb][cout];
        InputLevels inputs = new InputLevels(calibration, lt, maps, strategy);
        for (ArrayTile t : lt.tiles()) {
            TilePrecisions p = strategy.get(t.index());
            float inputScale = inputs.quantizer(t.rowBlock(), t.columnBlock()).scale();
            float[] ws = calibration.weights(t, p.weightBits()).scales();
            PartialSumQuantizer adc = adc(lt, t, p, layer);
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
        List<BlockConvolution> convolutions = new ArrayList<>();
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
        int sample = counter == null ? 0 : Math.min(ArraywiseInference.CLIPPING_SAMPLE_IMAGES, images);
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

    /** The tile's psum ADC at its precisions. */
    private PartialSumQuantizer adc(LayerTiling lt, ArrayTile t, TilePrecisions p, NetworkOp.WeightLayer layer) {
        return calibrationRun == null ? calibration.partialSum(t, p.psumBits())
                : calibration.partialSum(t, p, tile -> quantizedSums(lt, tile, p, layer));
    }

    /**
     * One draw of a noisy layer (docs/sim-noise.md): per tile, the input levels are convolved in float64 with the
     * draw's {@link ArrayNoise#effectiveWeights} (exact integers in 1/1024 level, so the sums are exact in any order)
     * and the squared input levels with ones (the read noise's variance, exact in float32); each output channel's sum
     * goes through its ADC ({@link ArrayNoise.Sums}), is dequantized, summed over row blocks in order, and the bias is
     * added: the ideal readout's float operations with the noise in the ADC's input. The same code whether or not the
     * native kernels are loaded (the psum kernel holds integer weight levels), so both give the same floats.
     */
    private NDArray noisyDraw(LayerTiling lt, NetworkOp.WeightLayer layer, NDArray maps, List<TilePrecisions> strategy,
                              PartialSumClipping counter, int draw) {
        int cout = lt.outChannels();
        int images = Math.toIntExact(maps.getShape().get(0));
        List<ArrayTile> tiles = lt.tiles();
        List<ArrayNoise.Sums> sums = new ArrayList<>();
        List<float[]> steps = new ArrayList<>();
        List<NDArray> weights = new ArrayList<>();
        InputLevels quantizers = new InputLevels(calibration, lt, maps, strategy);
        for (ArrayTile t : tiles) {
            TilePrecisions p = strategy.get(t.index());
            UniformQuantizer inputQ = quantizers.quantizer(t.rowBlock(), t.columnBlock());
            float[] ws = calibration.weights(t, p.weightBits()).scales();
            PartialSumQuantizer adc = adc(lt, t, p, layer);
            float[] gain = new float[t.outChannels()];
            float[] step = new float[t.outChannels()];
            for (int o = 0; o < t.outChannels(); o++) {
                float levelScale = inputQ.scale() * ws[o];
                gain[o] = adc.isLossless() ? 1f : levelScale / adc.quantizer().scale();
                step[o] = adc.isLossless() ? levelScale : adc.quantizer().scale();
            }
            sums.add(noise.sums(t, p, adc, gain, Math.max(-inputQ.min(), inputQ.max()), draw));
            steps.add(step);
            weights.add(effectiveWeights(t, p.weightBits(), draw));
        }
        NativeKernels.Geometry geometry = NativeKernels.geometry(lt, layer, maps);
        int plane = geometry.outHeight() * geometry.outWidth();
        NDArray out = NativeFloats.empty(maps.getManager(),
                new Shape(images, cout, geometry.outHeight(), geometry.outWidth()));
        java.nio.FloatBuffer dst = NativeFloats.view(out);
        int sample = Math.min(ArraywiseInference.CLIPPING_SAMPLE_IMAGES, images);
        long[] saturated = new long[tiles.size()];
        Shape in = maps.getShape();
        long perImage = Float.BYTES * (in.size() / images) + (long) Double.BYTES * 2 * cout * plane;
        int chunk = (int) Math.max(1, Math.min(images, PSUM_CHUNK_BYTES / perImage));
        float[] bias = layer.bias();
        for (int from = 0; from < images; from += chunk) {
            int count = Math.min(chunk, images - from);
            float[] acc = new float[count * cout * plane];
            try (NDScope chunkScope = new NDScope()) {
                chunkScope.suppressNotUsedWarning();
                InputLevels levels = new InputLevels(calibration, lt, maps, from, count, strategy);
                for (int j = 0; j < tiles.size(); j++) { // row block after row block (lt.tiles() order)
                    ArrayTile t = tiles.get(j);
                    NDArray x = levels.levels(t.rowBlock(), t.columnBlock());
                    double[] s = TileConvolution.conv(x.toType(DataType.FLOAT64, false), weights.get(j), layer, 1)
                            .toDoubleArray();
                    NDArray ones = x.getManager().ones(TileConvolution.weightShape(1, t.inChannels(), t.kernel()));
                    float[] active = TileConvolution.conv(x.mul(x), ones, layer, 1).toFloatArray();
                    ArrayNoise.Sums adc = sums.get(j);
                    float[] step = steps.get(j);
                    int channels = t.outChannels();
                    boolean firstBlock = t.rowBlock() == 0;
                    long clipped = 0;
                    for (int n = 0; n < count; n++) {
                        boolean counted = from + n < sample;
                        for (int o = 0; o < channels; o++) {
                            int src = (n * channels + o) * plane;
                            int at = (n * cout + t.firstOutChannel() + o) * plane;
                            for (int q = 0; q < plane; q++) {
                                float v = adc.analog(o, s[src + q], active[n * plane + q],
                                        ArrayNoise.counter(from + n, q, plane, 0, 1, o, channels));
                                clipped += counted && adc.saturates(v) ? 1 : 0;
                                float y = adc.level(v) * step[o];
                                acc[at + q] = firstBlock ? y : acc[at + q] + y;
                            }
                        }
                    }
                    saturated[j] += clipped;
                }
            }
            for (int n = 0; n < count; n++) {
                for (int ch = 0; ch < cout; ch++) {
                    int at = (n * cout + ch) * plane;
                    for (int q = 0; q < plane; q++) {
                        acc[at + q] += bias[ch];
                    }
                }
            }
            dst.put(from * cout * plane, acc, 0, acc.length);
        }
        if (counter != null) {
            for (int j = 0; j < tiles.size(); j++) {
                ArrayTile t = tiles.get(j);
                if (!strategy.get(t.index()).isPsumLossless()) {
                    counter.add(t.index(), saturated[j], (double) sample * plane * t.outChannels());
                }
            }
        }
        return out;
    }

    /** A tile's {@link ArrayNoise#effectiveWeights} for one draw as a float64 convolution weight. */
    private NDArray effectiveWeights(ArrayTile t, int bits, int draw) {
        return levels.computeIfAbsent(t.id() + "/" + bits + "/draw" + draw, key -> {
            int rows = t.inChannels() * t.kernel() * t.kernel();
            float[] w = noise.effectiveWeights(calibration.weights(t, bits).levels(), t, bits, rows, draw);
            double[] values = new double[w.length];
            for (int i = 0; i < w.length; i++) {
                values[i] = w[i];
            }
            return ArraywiseInference.cached(manager.create(values,
                    TileConvolution.weightShape(t.outChannels(), t.inChannels(), t.kernel())));
        });
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
        List<NDArray> weights = new ArrayList<>();
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
                InputLevels levels = new InputLevels(calibration, lt, maps, from, count, strategy);
                List<PartialSumReadout.Part> parts = new ArrayList<>();
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
        List<PartialSumKernel.Convolution> kernels = new ArrayList<>();
        for (BlockConvolution conv : convolutions) {
            int r = conv.rowBlock();
            int columnBlock = conv.columnBlock();
            List<ArrayTile> tiles = new ArrayList<>();
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

    private NDArray levelWeights(ArrayTile t, int bits) {
        return levels.computeIfAbsent(t.id() + "/" + bits, key -> ArraywiseInference.cached(manager.create(
                calibration.weights(t, bits).levels(),
                TileConvolution.weightShape(t.outChannels(), t.inChannels(), t.kernel()))));
    }

    /**
     * The tile's partial sums of quantized inputs (bIn) times quantized weights (bW) on the first calibration images,
     * in real units (levels times the input and weight steps): what its psum ADC converts.
     */
    private float[] quantizedSums(LayerTiling lt, ArrayTile t, TilePrecisions p, NetworkOp.WeightLayer layer) {
        NDArray x = calibrationRun.bitserialInput(layer.name());
        int images = Math.toIntExact(x.getShape().get(0));
        UniformQuantizer q = calibration.input(lt, t.rowBlock(), p.inputBits());
        NDArray xq = DacLevels.of(x, 0, images, t.firstInChannel(), t.inChannels(), q);
        NDArray sums = TileConvolution.conv(xq, levelWeights(t, p.weightBits()), layer, 1);
        float[] ws = calibration.weights(t, p.weightBits()).scales();
        float[] values = sums.toFloatArray();
        long plane = sums.getShape().get(2) * sums.getShape().get(3);
        for (int i = 0; i < values.length; i++) {
            values[i] *= q.scale() * ws[(int) (i / plane % t.outChannels())];
        }
        sums.close();
        xq.close();
        return values;
    }
}
