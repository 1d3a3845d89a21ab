package org.cim2pq.sim.cim.quant;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleFunction;
import java.util.function.Function;

import org.cim2pq.sim.cim.array.ArrayTile;
import org.cim2pq.sim.cim.array.LayerTiling;
import org.cim2pq.sim.cim.array.NetworkTiling;
import org.cim2pq.sim.network.FoldedNetwork;
import org.cim2pq.sim.network.NetworkOp;

/**
 * The calibration cache: every quantizer is calibrated at most once per (tile, precision) and then reused, so an
 * evaluation never re-calibrates (METHOD.md section 2). Thread-safe.
 *
 * <p>Inputs are calibrated per (layer, row block, bIn): the tiles of one row block read the same channel slice, so
 * at equal bIn they get the same scale. Partial-sum ADCs ({@code psum} fidelity) are calibrated per (tile, bPs) on
 * the FP partial sums, so the scale does not depend on the tile's bIn and bW. Bit-serial ADCs are calibrated per
 * (tile, bIn, bW, bPs) on recorded column counts, whose distribution depends on the input bits and weight slices,
 * for the error of the recombined output by default ({@link ColumnCounts}).
 *
 * <p>With per-layer scales ({@link QuantizationConfig#layerScales()}) every key's tile (or row block) becomes its
 * layer: one input quantizer per (layer, bIn) on the whole layer input, the weights quantized as one layer per bW (the
 * tile gets its part of the levels and its channels' scales), one psum ADC per (layer, bPs), one bit-serial ADC per
 * (layer, bIn, bW, bPs) on the column counts of all the layer's tiles at (bIn, bW), each tile sampled in proportion to
 * its outputs. The tiles of a layer then share every scale, whatever precisions a strategy gives them.
 */
public final class TileCalibration {

    private final NetworkTiling tiling;
    private final QuantizationConfig config;
    private final CalibrationSamples samples;
    private final Map<String, NetworkOp.WeightLayer> layers = new HashMap<>();
    private final Map<String, UniformQuantizer> inputs = new ConcurrentHashMap<>();
    private final Map<String, WeightQuantization> weights = new ConcurrentHashMap<>();
    private final Map<String, PartialSumQuantizer> partialSums = new ConcurrentHashMap<>();
    private final SampleCache<ColumnCounts> counts = new SampleCache<>(SampleCache.DEFAULT_SETS);
    private final SampleCache<float[]> quantizedSums = new SampleCache<>(SampleCache.DEFAULT_SETS);
    private final Map<String, BitSerialAdc> countAdcs = new ConcurrentHashMap<>();

    public TileCalibration(FoldedNetwork network, NetworkTiling tiling, QuantizationConfig config,
                           CalibrationSamples samples) {
        this.tiling = tiling;
        this.config = config;
        this.samples = samples;
        for (NetworkOp.WeightLayer w : network.weightLayers()) {
            layers.put(w.name(), w);
        }
    }

    /** Quantizers calibrated so far (all kinds): grows only on a cache miss. */
    public int calibrated() {
        return inputs.size() + weights.size() + partialSums.size() + countAdcs.size();
    }

    public NetworkTiling tiling() {
        return tiling;
    }

    public QuantizationConfig config() {
        return config;
    }

    /** Whether {@code layer}'s input can be negative. */
    public boolean signedInput(String layer) {
        return samples.signedInputs().get(layer);
    }

    /** The input quantizer of {@code rowBlock} of {@code layer} at {@code bits}. */
    public UniformQuantizer input(LayerTiling layer, int rowBlock, int bits) {
        String key = config.layerScales() ? layer.layer() + "/" + bits : layer.layer() + "/r" + rowBlock + "/" + bits;
        return inputs.computeIfAbsent(key, k -> {
            boolean signed = signedInput(layer.layer());
            float[] s = config.layerScales() ? samples.layerInputSamples().get(layer.layer())
                    : samples.inputSamples().get(layer.layer()).get(rowBlock);
            float clip = ClippingSearch.clip(config.inputCalibration(), s, 0, c -> signed
                    ? UniformQuantizer.twosComplement(bits, (float) c) : UniformQuantizer.unsigned(bits, (float) c));
            return signed ? UniformQuantizer.twosComplement(bits, clip) : UniformQuantizer.unsigned(bits, clip);
        });
    }

    /** The tile's weights at {@code bits}. */
    public WeightQuantization weights(ArrayTile tile, int bits) {
        if (config.layerScales()) {
            NetworkOp.WeightLayer layer = layers.get(tile.layer());
            WeightQuantization whole = weights.computeIfAbsent(unit(tile) + "/" + bits, k -> WeightQuantizer.quantize(
                    layer.weights(), layer.outChannels(), bits, config.perColumnWeightScales(),
                    config.weightCalibration()));
            return weights.computeIfAbsent(tile.id() + "/" + bits, key -> WeightQuantizer.tileOf(whole,
                    layer.inChannels(), tile));
        }
        return weights.computeIfAbsent(tile.id() + "/" + bits, key -> WeightQuantizer.quantize(
                WeightQuantizer.tileWeights(layers.get(tile.layer()), tile), tile.outChannels(), bits,
                config.perColumnWeightScales(), config.weightCalibration()));
    }

    /** The tile's ADC for {@code psum} fidelity at {@code bits} ({@link TilePrecisions#LOSSLESS} allowed). */
    public PartialSumQuantizer partialSum(ArrayTile tile, int bits) {
        if (bits == TilePrecisions.LOSSLESS) {
            return PartialSumQuantizer.LOSSLESS;
        }
        return partialSums.computeIfAbsent(unit(tile) + "/" + bits, key -> {
            float[] s = config.layerScales() ? samples.layerPartialSumSamples().get(tile.layer())
                    : samples.partialSumSamples().get(tile.index());
            float clip = ClippingSearch.clip(config.partialSumCalibration(), s, config.sigmas(),
                    c -> UniformQuantizer.symmetric(bits, (float) c));
            return PartialSumQuantizer.signed(bits, clip);
        });
    }

    /**
     * The tile's ADC for {@code psum} fidelity at {@code p}: with
     * {@link QuantizationConfig#quantizedPartialSumCalibration()}, calibrated per (tile, bIn, bW, bPs) on the partial
     * sums of the quantized inputs and weights, recorded once per (tile, bIn, bW) by {@code quantizedSums} (given the
     * tile to record at p's bIn and bW; called only on a cache miss, for every tile of the layer with per-layer
     * scales); otherwise {@link #partialSum(ArrayTile, int)}.
     */
    public PartialSumQuantizer partialSum(ArrayTile tile, TilePrecisions p, Function<ArrayTile, float[]> quantizedSums) {
        int bits = p.psumBits();
        if (!config.quantizedPartialSumCalibration() || bits == TilePrecisions.LOSSLESS) {
            return partialSum(tile, bits);
        }
        String key = unit(tile) + "/" + p.inputBits() + "/" + p.weightBits();
        return partialSums.computeIfAbsent(key + "/" + bits, k -> {
            float[] s = this.quantizedSums.get(key, () -> CalibrationSamples.strided(config.layerScales()
                    ? CalibrationSamples.concat(tilesOf(tile).stream().map(quantizedSums).toList())
                    : quantizedSums.apply(tile), config.maxSamples()));
            float clip = ClippingSearch.clip(config.partialSumCalibration(), s, config.sigmas(),
                    c -> UniformQuantizer.symmetric(bits, (float) c));
            return PartialSumQuantizer.signed(bits, clip);
        });
    }

    /**
     * The tile's ADC for {@code bitserial} fidelity. Lossless when {@code bits} is LOSSLESS or reaches the lossless
     * width of the array; otherwise calibrated on column counts, recorded once per (tile, bIn, bW) by
     * {@code countSamples} (called only on a cache miss, about {@link QuantizationConfig#maxSamples()} of them; with
     * per-layer scales once for every tile of the layer, each with its share of them, pooled). The
     * MSE search minimises the error of the raw counts, or with {@link QuantizationConfig#outputWeightedBitserialAdc()}
     * the error of the recombined outputs. With {@link QuantizationConfig#perSliceBitserialAdc()} each weight slice
     * gets its own range ({@link #perSlice}); otherwise all slices share the tile's.
     */
    public BitSerialAdc bitserialAdc(ArrayTile tile, TilePrecisions p, CountRecorder countSamples) {
        int bits = p.psumBits();
        int slices = tiling.config().slices(p.weightBits());
        if (bits == TilePrecisions.LOSSLESS || bits >= tiling.config().losslessPartialSumBits()) {
            return BitSerialAdc.uniform(PartialSumQuantizer.LOSSLESS, slices);
        }
        String key = unit(tile) + "/" + p.inputBits() + "/" + p.weightBits();
        return countAdcs.computeIfAbsent(key + "/" + bits, k -> {
            ColumnCounts s = counts.get(key, () -> config.layerScales() ? layerCounts(tile, countSamples)
                    : countSamples.record(tile, config.maxSamples()));
            DoubleFunction<UniformQuantizer> quantizer = c -> PartialSumQuantizer.counts(bits, (float) c).quantizer();
            if (config.perSliceBitserialAdc()) {
                return perSlice(s, bits, slices, tiling.config().weightEncoding().columnsPerSlice() * slices,
                        quantizer);
            }
            float clip = config.partialSumCalibration() == CalibrationMethod.MSE && config.outputWeightedBitserialAdc()
                    ? ClippingSearch.outputMseOptimalClip(s, quantizer)
                    : ClippingSearch.clip(config.partialSumCalibration(), s.strided(), config.sigmas(), quantizer);
            return BitSerialAdc.uniform(PartialSumQuantizer.counts(bits, clip), slices);
        });
    }

    /** Records a tile's column counts at the (bIn, bW) asked for: at most about {@code maxCounts} of them. */
    @FunctionalInterface
    public interface CountRecorder {
        ColumnCounts record(ArrayTile tile, int maxCounts);
    }

    /** What a calibration key names: the tile, or its layer with per-layer scales. */
    private String unit(ArrayTile tile) {
        return config.layerScales() ? tile.layer() + "/layer" : tile.id();
    }

    private List<ArrayTile> tilesOf(ArrayTile tile) {
        return tiling.layer(tile.layer()).tiles();
    }

    /**
     * The column counts of all the tiles of {@code tile}'s layer, pooled: each tile gets the share of the sample budget
     * that its outputs have of the layer's (all row blocks have the same outputs per channel), at least 16 counts.
     */
    private ColumnCounts layerCounts(ArrayTile tile, CountRecorder recorder) {
        LayerTiling layer = tiling.layer(tile.layer());
        List<ColumnCounts> parts = new ArrayList<>();
        for (ArrayTile t : layer.tiles()) {
            long share = (long) config.maxSamples() * t.outChannels() / ((long) layer.outChannels() * layer.rowBlocks());
            parts.add(recorder.record(t, (int) Math.max(16, share)));
        }
        return ColumnCounts.pool(parts);
    }

    /**
     * One range per weight slice, each step a power of two below the widest: every slice's step is first chosen
     * alone on its own counts (the configured clipping method on the raw counts, as for the tile; or, when
     * {@code outputWeighted}, the MSE range for the slice's part of the recombined outputs); the tile's step
     * {@code s} is the largest of them, and slice {@code k} gets the shift {@code e} in {@code 0 .. floor(log2 s)}
     * (so its step {@code s / 2^e} stays at least one count) with the least squared error by the same measure; ties
     * keep the smaller shift (the wider range).
     */
    static BitSerialAdc perSlice(ColumnCounts s, int bits, int slices, int groups,
                                 DoubleFunction<UniformQuantizer> quantizer, CalibrationMethod method, double sigmas,
                                 boolean outputWeighted) {
        float[][] samples = new float[slices][];
        boolean[][] terms = new boolean[slices][s.terms()];
        float step = 1f;
        for (int k = 0; k < slices; k++) {
            for (int t = 0; t < s.terms(); t++) {
                terms[k][t] = t % groups % slices == k;
            }
            samples[k] = s.ofSlice(groups, slices, k);
            float clip = outputWeighted ? ClippingSearch.outputMseOptimalClip(s, terms[k], quantizer)
                    : ClippingSearch.clip(method, samples[k], sigmas, quantizer);
            step = Math.max(step, quantizer.apply(clip).scale());
        }
        int levels = (1 << bits) - 1;
        int[] shifts = new int[slices];
        int top = Math.getExponent(step); // step / 2^top >= 1
        for (int k = 0; k < slices; k++) {
            double best = Double.POSITIVE_INFINITY;
            for (int e = 0; e <= top; e++) {
                UniformQuantizer q = new UniformQuantizer(Math.scalb(step, -e), 0, levels);
                double error;
                if (outputWeighted) {
                    error = ClippingSearch.outputError(s, terms[k], q);
                } else {
                    error = 0;
                    for (float v : samples[k]) {
                        double d = v - q.apply(v);
                        error += d * d;
                    }
                }
                if (error < best) {
                    best = error;
                    shifts[k] = e;
                }
            }
        }
        return new BitSerialAdc(new PartialSumQuantizer(bits, new UniformQuantizer(step, 0, levels)), shifts);
    }

    private BitSerialAdc perSlice(ColumnCounts s, int bits, int slices, int groups,
                                  DoubleFunction<UniformQuantizer> quantizer) {
        return perSlice(s, bits, slices, groups, quantizer, config.partialSumCalibration(), config.sigmas(),
                config.partialSumCalibration() == CalibrationMethod.MSE && config.outputWeightedBitserialAdc());
    }
}
