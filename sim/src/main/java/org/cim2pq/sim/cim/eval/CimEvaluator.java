package org.cim2pq.sim.cim.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import org.cim2pq.sim.cim.array.ArrayConfig;
import org.cim2pq.sim.cim.array.ArrayTile;
import org.cim2pq.sim.cim.array.LayerTiling;
import org.cim2pq.sim.cim.array.NetworkTiling;
import org.cim2pq.sim.cim.array.TileGroup;
import org.cim2pq.sim.cim.array.TileGrouping;
import org.cim2pq.sim.cim.cost.CostModel;
import org.cim2pq.sim.cim.cost.HardwarePreset;
import org.cim2pq.sim.cim.cost.LatencyMode;
import org.cim2pq.sim.cim.cost.NetworkCost;
import org.cim2pq.sim.cim.inference.ArraywiseInference;
import org.cim2pq.sim.cim.inference.CalibrationRun;
import org.cim2pq.sim.cim.inference.Fidelity;
import org.cim2pq.sim.cim.inference.FloatInference;
import org.cim2pq.sim.cim.inference.NetworkProgram;
import org.cim2pq.sim.cim.inference.PartialSumClipping;
import org.cim2pq.sim.cim.noise.NoiseSetting;
import org.cim2pq.sim.cim.quant.QuantizationConfig;
import org.cim2pq.sim.cim.quant.TileCalibration;
import org.cim2pq.sim.cim.quant.TilePrecisions;
import org.cim2pq.sim.data.Normalization;
import org.cim2pq.sim.network.FoldedNetwork;
import org.cim2pq.sim.network.InputNormalizationFold;

/**
 * Strategy in, objectives out. Built once per (network, array, calibration batch, evaluation batch); then
 * {@link #evaluate(List)} maps a strategy (one {@link TilePrecisions} per tile, in the tile order of
 * {@link #tiling()}) to top-1 error on the fixed evaluation batch and the analytic energy, latency and area.
 * Calibration happens at most once per (tile, precision) (on first use, or up front with {@link #calibrate});
 * evaluation never re-calibrates. Activations after each layer are cached by the precisions of the layers so far,
 * so a strategy that shares a prefix with an earlier one restarts after it.
 *
 * <p>The evaluator holds what every tile group reads and none changes: the network, the tiling, the calibration
 * record (one FP pass over the calibration batch) and the evaluation batch. The simulated tiles are
 * {@link TileGroupStage}s built from it ({@link #stage}): a group's calibration, kernel buffers and share of the
 * prefix cache, which tile-group simulators own, one stage each, and pass a strategy's {@link Handoff} from one to
 * the next; {@link #score} turns the last one's into an {@link Evaluation}. {@link #evaluate} is the same path
 * with one stage over the whole network, so both give identical results.
 *
 * <p>Metrics: {@code top1.accuracy}, {@code tops.per.watt}, {@code tops.per.mm2} (a chip built for the strategy),
 * {@code tops.per.mm2.reconfigurable} (one chip with ADCs at the largest resolution), {@code edp.pj.ns}, {@code macs},
 * {@code adc.conversions}, {@code psum.clip.rate} and {@code psum.clip.rate/<tile id>} (fraction of saturated ADC
 * conversions), {@code reused.layers}, {@code eval.seconds}.
 *
 * <p>{@link #stage}, {@link #start} and {@link #score} may be called from any thread; the whole-network methods
 * are synchronized.
 */
public final class CimEvaluator implements AutoCloseable {

    /**
     * Byte budget of the prefix activation cache of {@link #evaluate} (default). The pipelines of a search share
     * one budget per node instead ({@link #stage}).
     */
    public static final long DEFAULT_PREFIX_CACHE_BYTES = 1L << 30;
    /** Bits first and last layers are pinned to when pinning is on (METHOD.md section 2). */
    public static final int PINNED_BITS = 8;

    private final FoldedNetwork network;
    private final NetworkTiling tiling;
    private final CostModel costModel;
    private final boolean pinFirstLast;
    private final NDManager manager;
    private final boolean ownsManager;
    private final FloatInference fp;
    private final CalibrationRun calibrationRun;
    /** The calibration of another evaluator of the same machine this one evaluates other images with, or null. */
    private final TileCalibration sharedCalibration;
    private final QuantizationConfig quantization;
    private final Fidelity fidelity;
    private final boolean clippingStatistics;
    private final boolean nativeKernels;
    private final NDArray images;
    private final NDArray labels;
    private final int imageCount;
    private final NoiseSetting noise;
    private final int columnsPerAdc;
    /** The batch every evaluation runs: the evaluation images once per noise draw (once on the ideal machine). */
    private final NDArray batch;
    private final NDArray batchLabels;
    private final TileGroupStage whole;

    private CimEvaluator(Builder b) {
        InputNormalizationFold fold = b.inputFold == null ? null : InputNormalizationFold.of(b.network, b.inputFold);
        this.network = fold == null ? b.network : fold.apply(b.network);
        float[] calibrationPixels = fold == null ? b.calibrationImages : fold.pixels(b.calibrationImages);
        float[] evaluationPixels = fold == null ? b.evaluationImages : fold.pixels(b.evaluationImages);
        this.tiling = NetworkTiling.of(network, b.arrayConfig, b.grouping);
        // the cost model is the simulated machine's: chosen by the fidelity, never set apart from it
        this.costModel = CostModel.of(b.fidelity, b.preset, b.latencyMode);
        this.pinFirstLast = b.pinFirstLast;
        this.quantization = b.quantization;
        this.fidelity = b.fidelity;
        this.clippingStatistics = b.clippingStatistics;
        this.nativeKernels = b.nativeKernels;
        this.noise = b.noise;
        this.columnsPerAdc = b.preset.columnsPerAdc();
        this.ownsManager = b.manager == null;
        this.manager = ownsManager ? NDManager.newBaseManager() : b.manager.newSubManager();
        int[] shape = network.inputShape();
        int pixels = shape[0] * shape[1] * shape[2];
        try {
            this.fp = new FloatInference(network, manager);
            int calibrationCount = calibrationPixels.length / pixels;
            NDArray calibrationImages = manager.create(calibrationPixels,
                    new Shape(calibrationCount, shape[0], shape[1], shape[2]));
            if (b.calibrationOf != null) {
                CimEvaluator source = b.calibrationOf;
                if (source.fidelity != fidelity || !source.tiling.equals(tiling) || !source.quantization.equals(quantization)
                        || !source.noise.equals(noise) || source.pinFirstLast != pinFirstLast
                        || !source.costModel.preset().equals(costModel.preset())) {
                    throw new IllegalArgumentException("a calibration is shared only by evaluators of one machine");
                }
                this.calibrationRun = source.calibrationRun;
                this.sharedCalibration = source.whole.calibration();
            } else {
                this.calibrationRun = CalibrationRun.record(fp, tiling, b.quantization, calibrationImages, manager);
                this.sharedCalibration = null;
            }
            calibrationImages.close();
            this.imageCount = b.labels.length;
            this.images = manager.create(evaluationPixels, new Shape(imageCount, shape[0], shape[1], shape[2]));
            this.labels = manager.create(Arrays.stream(b.labels).asLongStream().toArray());
            int draws = noise.effectiveDraws();
            if (draws == 1) {
                this.batch = images;
                this.batchLabels = labels;
            } else {
                NDArray[] copies = new NDArray[draws];
                Arrays.fill(copies, images);
                this.batch = ai.djl.ndarray.NDArrays.concat(new ai.djl.ndarray.NDList(copies), 0);
                this.batchLabels = labels.tile(draws);
            }
            this.whole = new TileGroupStage(this, "network", 0, tiling.layers().size(),
                    new ActivationBudget(b.prefixCacheBytes));
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The tiling: the tile order of strategies, groups, table. */
    public NetworkTiling tiling() {
        return tiling;
    }

    /** Whether quantized layers run on the native fused kernels (see {@link Builder#optNativeKernels}). */
    public boolean usesNativeKernels() {
        return whole.inference().usesNativeKernels();
    }

    public FoldedNetwork network() {
        return network;
    }

    public CostModel costModel() {
        return costModel;
    }

    public Fidelity fidelity() {
        return fidelity;
    }

    /** Number of evaluation images. */
    public int evaluationImages() {
        return imageCount;
    }

    NDManager manager() {
        return manager;
    }

    /** The batch the first tile group runs: the evaluation images, once per noise draw. */
    NDArray images() {
        return batch;
    }

    /** The non-idealities every evaluation runs with ({@link NoiseSetting#IDEAL} by default). */
    public NoiseSetting noise() {
        return noise;
    }

    /** A fresh calibration cache (per (tile, precision)) on the shared calibration record. */
    TileCalibration newCalibration() {
        if (sharedCalibration != null) {
            return sharedCalibration;
        }
        return new TileCalibration(network, tiling, quantization, calibrationRun.samples());
    }

    ArraywiseInference newInference(TileCalibration calibration, NDManager parent) {
        return new ArraywiseInference(network, calibration, calibrationRun, fidelity, clippingStatistics,
                nativeKernels, noise, columnsPerAdc, parent);
    }

    /**
     * The state of one tile group, built alone: its layers' calibration and kernel buffers and its share of the
     * prefix cache, which holds at most what {@code budget} (one per node) leaves it.
     */
    public TileGroupStage stage(TileGroup group, ActivationBudget budget) {
        int first = segmentOf(group.layers().get(0));
        int after = segmentOf(group.layers().get(group.layers().size() - 1)) + 1;
        return new TileGroupStage(this, group.name(), first, after, budget);
    }

    private int segmentOf(String layer) {
        List<LayerTiling> layers = tiling.layers();
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).layer().equals(layer)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown layer " + layer);
    }

    /** The precisions actually used for {@code strategy}: first and last layer pinned to 8 bits if configured. */
    public List<TilePrecisions> effectiveStrategy(List<TilePrecisions> strategy) {
        Objects.requireNonNull(strategy, "strategy");
        if (strategy.size() != tiling.tiles().size()) {
            throw new IllegalArgumentException("strategy has " + strategy.size() + " tile precisions, network has "
                    + tiling.tiles().size() + " tiles");
        }
        if (!pinFirstLast) {
            return List.copyOf(strategy);
        }
        List<TilePrecisions> out = new ArrayList<>(strategy);
        List<LayerTiling> layers = tiling.layers();
        for (LayerTiling l : List.of(layers.get(0), layers.get(layers.size() - 1))) {
            for (ArrayTile t : l.tiles()) {
                out.set(t.index(), TilePrecisions.uniform(PINNED_BITS));
            }
        }
        return List.copyOf(out);
    }

    /** The hardware cost alone (no inference). */
    public NetworkCost cost(List<TilePrecisions> strategy) {
        return costModel.cost(tiling, effectiveStrategy(strategy));
    }

    /** Evaluates {@code strategy} on the evaluation batch. */
    public synchronized Evaluation evaluate(List<TilePrecisions> strategy) {
        return score(whole.run(start(strategy)));
    }

    /** A strategy's evaluation before its first segment: what the first tile group's stage is handed. */
    public Handoff start(List<TilePrecisions> strategy) {
        return new Handoff(effectiveStrategy(strategy), 0, NetworkProgram.start(batch),
                new PartialSumClipping(tiling.tiles().size()), 0, true, System.nanoTime(), null);
    }

    /** Scores an evaluation that has run every segment (the last stage's {@link TileGroupStage#run} result). */
    public Evaluation score(Handoff finished) {
        if (finished.segment != tiling.layers().size()) {
            throw new IllegalStateException("evaluation stopped at segment " + finished.segment + " of "
                    + tiling.layers().size());
        }
        List<TilePrecisions> effective = finished.strategy;
        long[] hits = drawHits(finished.env.get(network.output()));
        double[] draws = new double[hits.length];
        for (int d = 0; d < hits.length; d++) {
            draws[d] = hits[d] / (double) imageCount;
        }
        double accuracy = mean(draws);
        NetworkCost cost = costModel.cost(tiling, effective);
        PartialSumClipping clipping = finished.clipping;
        Map<String, Double> metrics = new HashMap<>();
        metrics.put("top1.accuracy", accuracy);
        if (!noise.isIdeal()) {
            // the objective is the mean over the draws; their spread is reported beside it
            metrics.put("noise.draws", (double) draws.length);
            metrics.put("top1.accuracy.std", standardDeviation(draws));
            metrics.put("top1.accuracy.min", Arrays.stream(draws).min().orElseThrow());
            metrics.put("top1.accuracy.max", Arrays.stream(draws).max().orElseThrow());
        }
        metrics.put("tops.per.watt", cost.topsPerWatt());
        metrics.put("tops.per.mm2", cost.topsPerMm2());
        metrics.put("tops.per.mm2.reconfigurable", cost.reconfigurableTopsPerMm2());
        metrics.put("edp.pj.ns", cost.energyDelayProduct());
        metrics.put("macs", (double) cost.macs());
        metrics.put("adc.conversions", (double) cost.conversions());
        metrics.put("psum.clip.rate", clipping.overallRate());
        for (ArrayTile t : tiling.tiles()) {
            metrics.put("psum.clip.rate/" + t.id(), clipping.rate(t.index()));
        }
        metrics.put("reused.layers", (double) finished.reused);
        metrics.put("eval.seconds", (System.nanoTime() - finished.startNanos) / 1e9);
        Objectives objectives = new Objectives(1 - accuracy, cost.energyPj(), cost.latencyNs(), cost.areaUm2());
        return new Evaluation(objectives, metrics, cost, effective, Arrays.stream(hits).boxed().toList(), imageCount);
    }

    /**
     * The network's output logits for {@code strategy} on the evaluation batch, row-major (batch x classes): the
     * evaluation images once per noise draw, draw after draw. What {@link TileSensitivity} compares.
     */
    public synchronized float[] logits(List<TilePrecisions> strategy) {
        Handoff finished = whole.run(start(strategy));
        if (finished.segment != tiling.layers().size()) {
            throw new IllegalStateException("evaluation stopped at segment " + finished.segment);
        }
        return finished.env.get(network.output()).toFloatArray();
    }

    /** FP top-1 accuracy on the evaluation batch. */
    public synchronized double floatAccuracy() {
        try (NDManager batch = manager.newSubManager()) {
            NDArray x = images.duplicate();
            x.attach(batch);
            return accuracy(fp.forward(x));
        }
    }

    /** FP logits of the evaluation batch, as a plain forward pass (the time reference of the benchmarks). */
    public synchronized float[] floatLogits() {
        try (NDManager batch = manager.newSubManager()) {
            NDArray x = images.duplicate();
            x.attach(batch);
            return fp.forward(x).toFloatArray();
        }
    }

    /**
     * Calibrates every (tile, precision) of the candidate sets now, so later evaluations time only inference.
     * Bit-serial ADCs are calibrated on first use (their count recording needs (bIn, bW) pairs).
     */
    public synchronized void calibrate(int[] inputBits, int[] weightBits, int[] psumBits) {
        TileCalibration calibration = whole.calibration();
        for (LayerTiling l : tiling.layers()) {
            for (int r = 0; r < l.rowBlocks(); r++) {
                for (int b : inputBits) {
                    calibration.input(l, r, b);
                }
            }
        }
        for (ArrayTile t : tiling.tiles()) {
            for (int b : weightBits) {
                calibration.weights(t, b);
            }
            for (int b : psumBits) {
                calibration.partialSum(t, b);
            }
        }
    }

    /** Quantizers calibrated so far; an evaluation whose precisions were all calibrated before leaves it as is. */
    public synchronized int calibratedQuantizers() {
        return whole.calibratedQuantizers();
    }

    /** Drops cached activations (e.g. to time evaluations without reuse). */
    public synchronized void clearActivationCache() {
        whole.clearActivationCache();
    }

    /** Images classified correctly in each noise draw's share of the batch's logits (one count on the ideal machine). */
    private long[] drawHits(NDArray logits) {
        if (noise.effectiveDraws() == 1) {
            return new long[] {correct(logits)};
        }
        NDArray predicted = logits.argMax(1).toType(DataType.INT64, false);
        NDArray hits = predicted.eq(batchLabels);
        float[] hit = hits.toType(DataType.FLOAT32, false).toFloatArray();
        predicted.close();
        hits.close();
        long[] out = new long[noise.effectiveDraws()];
        for (int i = 0; i < hit.length; i++) {
            out[i / imageCount] += (long) hit[i];
        }
        return out;
    }

    private static double mean(double[] v) {
        return v.length == 1 ? v[0] : Arrays.stream(v).sum() / v.length;
    }

    /** Sample standard deviation (n - 1), 0 for one value. */
    private static double standardDeviation(double[] v) {
        if (v.length < 2) {
            return 0;
        }
        double m = mean(v);
        double ss = 0;
        for (double x : v) {
            ss += (x - m) * (x - m);
        }
        return Math.sqrt(ss / (v.length - 1));
    }

    private double accuracy(NDArray logits) {
        return correct(logits) / (double) imageCount;
    }

    private long correct(NDArray logits) {
        NDArray predicted = logits.argMax(1).toType(DataType.INT64, false);
        NDArray hits = predicted.eq(labels);
        double correct = hits.toType(DataType.FLOAT64, false).sum().getDouble();
        predicted.close();
        hits.close();
        return (long) correct;
    }

    @Override
    public void close() {
        manager.close();
    }

    /**
     * Builder. Required: {@link #setNetwork}, {@link #setCalibrationImages}, {@link #setEvaluationImages}.
     */
    public static final class Builder {
        private FoldedNetwork network;
        private float[] calibrationImages;
        private float[] evaluationImages;
        private int[] labels;
        private ArrayConfig arrayConfig = ArrayConfig.defaults();
        private TileGrouping grouping = TileGrouping.PER_LAYER;
        private QuantizationConfig quantization = QuantizationConfig.defaults();
        private HardwarePreset preset = HardwarePreset.ISAAC_32NM;
        private LatencyMode latencyMode = LatencyMode.LAYER_SEQUENTIAL;
        private Fidelity fidelity = Fidelity.PSUM;
        private boolean pinFirstLast;
        private boolean clippingStatistics = true;
        private long prefixCacheBytes = DEFAULT_PREFIX_CACHE_BYTES;
        private boolean nativeKernels = ArraywiseInference.nativeKernelsEnabledByDefault();
        private NoiseSetting noise = NoiseSetting.IDEAL;
        private NDManager manager;
        private Normalization inputFold;
        private CimEvaluator calibrationOf;

        /**
         * Use {@code source}'s calibration (its calibration record and whole-network quantizers) instead of
         * calibrating again: an evaluator of the same machine (fidelity, arrays, quantization, preset, noise) on other
         * evaluation images, e.g. a chunk of the held-out ones. The calibration images are then {@code source}'s; the
         * results are those of an evaluator calibrated on its own (calibration depends on the calibration images
         * alone). {@code source} must stay open while this evaluator is used.
         */
        public Builder optCalibrationOf(CimEvaluator source) {
            this.calibrationOf = source;
            return this;
        }

        private Builder() {}

        public Builder setNetwork(FoldedNetwork network) {
            this.network = network;
            return this;
        }

        /** Calibration images, NCHW row-major, already normalised (METHOD.md default: 256 training images). */
        public Builder setCalibrationImages(float[] pixels) {
            this.calibrationImages = pixels;
            return this;
        }

        /** The fixed evaluation batch (METHOD.md default: 1000 held-out images) and its labels. */
        public Builder setEvaluationImages(float[] pixels, int[] labels) {
            this.evaluationImages = pixels;
            this.labels = labels;
            return this;
        }

        /** Default {@link ArrayConfig#defaults()}. */
        public Builder optArrayConfig(ArrayConfig config) {
            this.arrayConfig = config;
            return this;
        }

        /** Default {@link TileGrouping#PER_LAYER}. */
        public Builder optTileGrouping(TileGrouping grouping) {
            this.grouping = grouping;
            return this;
        }

        /** Default {@link QuantizationConfig#defaults()}. */
        public Builder optQuantization(QuantizationConfig quantization) {
            this.quantization = quantization;
            return this;
        }

        /** The technology the cost model charges (default {@link HardwarePreset#ISAAC_32NM}). */
        public Builder optPreset(HardwarePreset preset) {
            this.preset = Objects.requireNonNull(preset, "preset");
            return this;
        }

        /** How layer latencies add up (default {@link LatencyMode#LAYER_SEQUENTIAL}). */
        public Builder optLatencyMode(LatencyMode latencyMode) {
            this.latencyMode = Objects.requireNonNull(latencyMode, "latencyMode");
            return this;
        }

        /**
         * The machine simulated and costed (default {@link Fidelity#PSUM}): its accuracy and its cost model come
         * from the same datapath (METHOD.md section 2).
         */
        public Builder optFidelity(Fidelity fidelity) {
            this.fidelity = fidelity;
            return this;
        }

        /** Pin the first and last layers' tiles at 8 bits (default false). */
        public Builder optPinFirstLastLayer(boolean pin) {
            this.pinFirstLast = pin;
            return this;
        }

        /** Count saturated ADC conversions per tile (default true; costs a few elementwise ops per row block). */
        public Builder optClippingStatistics(boolean on) {
            this.clippingStatistics = on;
            return this;
        }

        /** Byte budget of {@link #evaluate}'s prefix activation cache (default {@link #DEFAULT_PREFIX_CACHE_BYTES}). */
        public Builder optPrefixCacheBytes(long bytes) {
            this.prefixCacheBytes = bytes;
            return this;
        }

        /**
         * Run quantized layers on the native fused kernels (default: where they are built and loaded, unless the
         * system property {@code cim2pq.kernels=djl}) or on DJL. Results are the same either way; only speed differs.
         */
        public Builder optNativeKernels(boolean on) {
            this.nativeKernels = on;
            return this;
        }

        /**
         * The non-idealities (default {@link NoiseSetting#IDEAL}: exactly the noiseless machine), on either machine;
         * each evaluation then runs the evaluation batch once per draw and scores the mean accuracy
         * ({@code docs/sim-noise.md}).
         */
        public Builder optNoise(NoiseSetting noise) {
            this.noise = Objects.requireNonNull(noise, "noise");
            return this;
        }

        /**
         * Fold the input normalisation into the first layer (default: off, {@code null}): the images are still given
         * normalised by {@code normalization}; the evaluator turns them back into pixels / 255 for an unsigned
         * first-layer DAC and folds the normalisation into that layer's weights and bias
         * ({@link InputNormalizationFold}; the FP network's outputs do not change).
         */
        public Builder optFoldInputNormalization(Normalization normalization) {
            this.inputFold = normalization;
            return this;
        }

        /** Parent NDManager (default: a new base manager owned by the evaluator). */
        public Builder optManager(NDManager manager) {
            this.manager = manager;
            return this;
        }

        public CimEvaluator build() {
            Objects.requireNonNull(network, "network is required");
            Objects.requireNonNull(calibrationImages, "calibration images are required");
            Objects.requireNonNull(evaluationImages, "evaluation images are required");
            int[] shape = network.inputShape();
            int pixels = shape[0] * shape[1] * shape[2];
            if (calibrationImages.length == 0 || calibrationImages.length % pixels != 0) {
                throw new IllegalArgumentException("calibration pixels are not a whole number of "
                        + Arrays.toString(shape) + " images");
            }
            if (evaluationImages.length != (long) labels.length * pixels) {
                throw new IllegalArgumentException("evaluation pixels do not match " + labels.length + " images of "
                        + Arrays.toString(shape));
            }
            return new CimEvaluator(this);
        }
    }
}
