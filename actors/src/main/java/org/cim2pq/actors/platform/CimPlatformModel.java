package org.cim2pq.actors.platform;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import com.typesafe.config.ConfigFactory;
import org.cim2pq.actors.evaluation.Activations;
import org.cim2pq.actors.evaluation.EvaluationModel;
import org.cim2pq.actors.evaluation.EvaluationOutcome;
import org.cim2pq.actors.evaluation.Reevaluation;
import org.cim2pq.actors.evaluation.StageOutput;
import org.cim2pq.actors.evaluation.TileGroupSimulation;
import org.cim2pq.engine.genome.IntGenome;
import org.cim2pq.engine.space.CimSearchSpace;
import org.cim2pq.engine.space.Granularity;
import org.cim2pq.engine.space.TilePrecision;
import org.cim2pq.persistence.event.SearchEvent;
import org.cim2pq.persistence.proto.PlatformConfiguration;
import org.cim2pq.sim.cim.array.ArrayConfig;
import org.cim2pq.sim.cim.array.ArrayTile;
import org.cim2pq.sim.cim.array.NetworkTiling;
import org.cim2pq.sim.cim.array.TileGroup;
import org.cim2pq.sim.cim.array.TileGrouping;
import org.cim2pq.sim.cim.cost.HardwarePreset;
import org.cim2pq.sim.cim.eval.ActivationBudget;
import org.cim2pq.sim.cim.eval.CimEvaluator;
import org.cim2pq.sim.cim.eval.TileSensitivity;
import org.cim2pq.sim.cim.eval.Evaluation;
import org.cim2pq.sim.cim.eval.Handoff;
import org.cim2pq.sim.cim.eval.TileGroupStage;
import org.cim2pq.sim.cim.inference.Fidelity;
import org.cim2pq.sim.cim.quant.QuantizationConfig;
import org.cim2pq.sim.cim.noise.NoiseSetting;
import org.cim2pq.sim.cim.quant.TilePrecisions;
import org.cim2pq.sim.data.DatasetCatalog;
import org.cim2pq.sim.data.ImageSet;
import org.cim2pq.sim.data.Normalization;
import org.cim2pq.sim.data.SeededSubsets;
import org.cim2pq.sim.models.ModelLoadException;
import org.cim2pq.sim.models.ModelProvenance;
import org.cim2pq.sim.models.TrainedModel;
import org.cim2pq.sim.models.TrainedModels;
import org.cim2pq.sim.network.FoldedNetwork;

/**
 * A trained network on the simulated CIM platform, as the search evaluates it: the BN-folded network, its tiling
 * into arrays (one search unit per tile, or per layer for the baseline), the calibration subset (training images)
 * and the evaluation subset (held-out test images), both chosen by a fixed subset seed so every search of a model
 * is scored on the same images.
 *
 * <p>One {@link CimEvaluator} per node holds what no evaluation changes (calibration record, evaluation batch);
 * each tile-group simulation owns a {@link TileGroupStage} built on it (its tiles' calibration, kernel buffers and
 * share of the prefix cache, within the node's {@link ActivationBudget}) and hands the activations at its boundary
 * to the next group; the last one scores the strategy. Objectives: top-1 error in percent (so qNSGA-III's delta is
 * in accuracy points), energy (pJ), latency (ns) and area (um^2) per inference.
 */
public final class CimPlatformModel implements EvaluationModel {

    /** Seed of the calibration and evaluation subsets; fixed so searches with different seeds compare. */
    public static final long SUBSET_SEED = 0;
    /**
     * Held-out images per evaluation batch: the held-out set is evaluated in consecutive chunks of this many images
     * (in subset order), so its memory stays that of a search's default batch. Fixed: under noise, the conversion
     * noise of an image is keyed by its place in its batch, so the chunking is part of what the results mean.
     */
    public static final int HELD_OUT_CHUNK = 1_000;

    private final String name;
    private final String dataset;
    private final FoldedNetwork network;
    private final String modelFingerprint;
    private final NetworkTiling tiling;
    private final TileGrouping grouping;
    private final CimSearchSpace space;
    private final Fidelity fidelity;
    private final HardwarePreset preset;
    private final NoiseSetting noise;
    private final float[] calibrationImages;
    private final int[] calibrationLabels;
    private final int calibrationCount;
    private final ArrayConfig arrayConfig;
    /** The per-tile sensitivity, measured on first use. */
    private double[] tileSensitivity;
    private final float[] evaluationImages;
    private final int[] evaluationLabels;
    private final String dataFingerprint;
    /** The test split (the search subset and the held-out images are drawn from it) and its normalisation. */
    private final ImageSet test;
    private final Normalization normalization;
    private final ActivationBudget budget;
    private final Normalization inputFold;
    private final QuantizationConfig quantization;
    private CimEvaluator evaluator;
    /** Whole-network evaluators of the machines the front is re-scored on, built on first use. */
    private final Map<Fidelity, CimEvaluator> reevaluators = new java.util.EnumMap<>(Fidelity.class);
    /** Per held-out protocol, one evaluator per chunk of its images, built on first use. */
    private final Map<SearchEvent.EvaluationProtocol, List<CimEvaluator>> heldOutEvaluators = new java.util.HashMap<>();

    private CimPlatformModel(Builder b) {
        try (TrainedModel trained = b.weights != null ? TrainedModels.load(b.weights) : TrainedModels.load(b.model, b.dataset)) {
            ModelProvenance provenance = trained.provenance();
            if (!provenance.model().equals(b.model) || !provenance.dataset().equals(b.dataset)) {
                throw new ModelLoadException(b.weights + " holds " + provenance.model() + " trained on "
                        + provenance.dataset() + ", not " + b.model + " on " + b.dataset);
            }
            this.network = trained.fold();
            this.modelFingerprint = "sha256:" + provenance.weightsSha256();
        }
        this.name = b.model;
        this.dataset = b.dataset;
        DatasetCatalog catalog = DatasetCatalog.byId(b.dataset);
        Path dir = b.datasetDir != null ? b.datasetDir : catalog.defaultDir();
        ImageSet calibration = SeededSubsets.calibration(catalog.train(dir), b.calibrationImages, SUBSET_SEED);
        this.test = catalog.test(dir);
        ImageSet evaluation = SeededSubsets.evaluation(test, b.evaluationImages, SUBSET_SEED);
        this.normalization = catalog.normalization();
        this.inputFold = b.foldInput ? normalization : null;
        this.quantization = b.quantization;
        this.calibrationImages = normalization.normalize(calibration, 0, calibration.size());
        this.calibrationCount = calibration.size();
        this.calibrationLabels = calibration.labels();
        this.evaluationImages = normalization.normalize(evaluation, 0, evaluation.size());
        this.evaluationLabels = evaluation.labels();
        this.dataFingerprint = fingerprint(calibrationImages, evaluationImages, evaluationLabels);
        // METHOD.md: a tile group per layer, or per residual block for ResNets.
        this.grouping = network.ops().stream().anyMatch(op -> op instanceof org.cim2pq.sim.network.NetworkOp.Add)
                ? TileGrouping.PER_RESIDUAL_BLOCK : TileGrouping.PER_LAYER;
        this.arrayConfig = b.arrayConfig;
        this.tiling = NetworkTiling.of(network, arrayConfig, grouping);
        this.fidelity = b.fidelity;
        this.preset = b.preset;
        this.noise = b.noise;
        this.budget = new ActivationBudget(b.activationCacheBytes);
        int[] layerOfTile = tiling.tiles().stream().mapToInt(t -> layerIndex(t)).toArray();
        CimSearchSpace.Builder space = CimSearchSpace.builder().setTileLayers(layerOfTile).optGranularity(b.granularity);
        if (b.pinFirstLast) {
            // METHOD.md section 2: the first and last layers at 8 bits, out of the search (their genes never move)
            space.optPinnedLayer(0, TilePrecision.uniform(CimEvaluator.PINNED_BITS))
                    .optPinnedLayer(tiling.layers().size() - 1, TilePrecision.uniform(CimEvaluator.PINNED_BITS));
        }
        this.space = space.build();
    }

    private int layerIndex(ArrayTile tile) {
        for (int i = 0; i < tiling.layers().size(); i++) {
            if (tiling.layers().get(i).tiles().contains(tile)) {
                return i;
            }
        }
        throw new IllegalStateException("tile " + tile.id() + " in no layer");
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * The model, the machine, the technology and its non-idealities: a resume with another machine, preset or noise
     * setting is refused. The default preset and the ideal profile add nothing, so journals written before presets
     * and profiles existed keep their fingerprint.
     */
    @Override
    public String fingerprint() {
        String machine = modelFingerprint + "/" + fidelity.name().toLowerCase(java.util.Locale.ROOT);
        machine = preset.name().equals(HardwarePreset.DEFAULT) ? machine : machine + "/" + preset.name();
        return noise.isIdeal() ? machine
                : machine + "/noise=" + noise.profile().name() + "x" + noise.draws() + "@" + Long.toHexString(noise.seed());
    }

    /**
     * The sensitivity of each tile (METHOD.md section 4), measured once on this node on the calibration images
     * (training images: no test image decides it), on this machine with its noise: the mean divergence of the
     * network's outputs when that tile alone is lowered from 8 to 4 bits ({@link TileSensitivity#DEFAULT}).
     * Deterministic, so every node measures the same figures; a search journals them in its start and reads them
     * back from there.
     */
    @Override
    public synchronized double[] tileSensitivity() {
        if (tileSensitivity == null) {
            try (CimEvaluator e = evaluatorOf(fidelity, calibrationImages, calibrationLabels)
                    .optCalibrationOf(evaluator()).build()) {
                tileSensitivity = TileSensitivity.DEFAULT.measure(e);
            }
        }
        return tileSensitivity.clone();
    }

    /**
     * Closes every evaluator this model built (held-out chunks first: they share the search evaluator's calibration),
     * releasing their native tensors. Tile groups handed out by {@link #newTileGroup} must be closed before.
     */
    @Override
    public synchronized void close() {
        heldOutEvaluators.values().forEach(chunks -> chunks.forEach(CimEvaluator::close));
        heldOutEvaluators.clear();
        reevaluators.values().forEach(CimEvaluator::close);
        reevaluators.clear();
        if (evaluator != null) {
            evaluator.close();
            evaluator = null;
        }
    }

    /** The crossbar arrays the network is tiled onto. */
    public ArrayConfig arrayConfig() {
        return arrayConfig;
    }

    /** The non-idealities every evaluation runs with. */
    public NoiseSetting noise() {
        return noise;
    }

    /** The hardware preset the evaluations are costed with. */
    public HardwarePreset preset() {
        return preset;
    }

    @Override
    public String dataset() {
        return dataset;
    }

    @Override
    public String dataFingerprint() {
        return dataFingerprint;
    }

    @Override
    public CimSearchSpace space() {
        return space;
    }

    public NetworkTiling tiling() {
        return tiling;
    }

    @Override
    public List<String> objectives() {
        return List.of("error_pct", "energy_pj", "latency_ns", "area_um2");
    }

    /** Every tile with its layer, row and column block and tile group, in tile order: what the journal records. */
    @Override
    public List<SearchEvent.Tile> tiles() {
        List<SearchEvent.Tile> out = new ArrayList<>();
        for (ArrayTile t : tiling.tiles()) {
            String group = tiling.groups().stream()
                    .filter(g -> t.index() >= g.firstTile() && t.index() < g.firstTile() + g.tileCount())
                    .map(TileGroup::name).findFirst().orElse("");
            out.add(new SearchEvent.Tile(layerIndex(t), t.layer(), t.rowBlock(), t.columnBlock(), t.id(), group));
        }
        return out;
    }

    /** The platform as the journal records it. */
    @Override
    public PlatformConfiguration platform() {
        ArrayConfig array = tiling.config();
        PlatformConfiguration.Builder b = PlatformConfiguration.newBuilder().setModel(name).setModelFingerprint(fingerprint()).setDataset(dataset)
                .setDataFingerprint(dataFingerprint).setFidelity(fidelity.name().toLowerCase(java.util.Locale.ROOT))
                .setPreset(preset.name())
                .setArrayRows(array.rows()).setArrayColumns(array.columns()).setCellBits(array.cellBits())
                .setWeightEncoding(array.weightEncoding().name().toLowerCase(java.util.Locale.ROOT))
                .setCalibrationImages(calibrationCount).setSearchImages(evaluationLabels.length)
                .setSubsetSeed(SUBSET_SEED).setCimModelRevision(org.cim2pq.sim.cim.CimModelRevision.CURRENT)
                .setTileGrouping(grouping.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
                .setFoldInputNormalization(inputFold != null)
                .setPerColumnWeightScales(quantization.perColumnWeightScales())
                .setOutputWeightedBitserialAdc(quantization.outputWeightedBitserialAdc())
                .setQuantizedPsumCalibration(quantization.quantizedPartialSumCalibration())
                .setLayerScales(quantization.layerScales());
        if (!noise.isIdeal()) {
            b.setNoiseProfile(noise.profile().name()).setNoiseDraws(noise.draws()).setNoiseSeed(noise.seed());
        }
        return b.build();
    }

    @Override
    public int tileGroups() {
        return tiling.groups().size();
    }

    @Override
    public TileGroupSimulation newTileGroup(int index) {
        List<TileGroup> all = tiling.groups();
        return new Group(evaluator().stage(all.get(index), budget), index == 0, index == all.size() - 1);
    }

    /**
     * A whole-network evaluator of the same network, subsets and fidelity, with its own state: the reference the
     * tile groups' results equal (tests, benchmarks). The caller closes it.
     */
    public CimEvaluator newEvaluator(long prefixCacheBytes) {
        return evaluatorOf(fidelity).optPrefixCacheBytes(prefixCacheBytes).build();
    }

    /**
     * An evaluator of the same network, subsets, arrays, preset and calibration on {@code machine} (the builder, for
     * the caller to finish): the search's own machine, or the one its front is re-scored on.
     */
    public CimEvaluator.Builder evaluatorOf(Fidelity machine) {
        return evaluatorOf(machine, evaluationImages, evaluationLabels);
    }

    /** {@link #evaluatorOf(Fidelity)} on other (normalised) test images, e.g. a chunk of the held-out ones. */
    private CimEvaluator.Builder evaluatorOf(Fidelity machine, float[] pixels, int[] labels) {
        return CimEvaluator.builder().setNetwork(network).setCalibrationImages(calibrationImages)
                .setEvaluationImages(pixels, labels).optFidelity(machine).optPreset(preset).optArrayConfig(arrayConfig)
                .optTileGrouping(grouping).optQuantization(quantization).optFoldInputNormalization(inputFold)
                .optNoise(machine == fidelity ? noise : NoiseSetting.IDEAL);
    }

    /** The machine the search simulates and costs. */
    public Fidelity fidelity() {
        return fidelity;
    }

    /** The node's activation budget, shared by every tile group of every pipeline. */
    public ActivationBudget activationBudget() {
        return budget;
    }

    /** The engine's per-tile precisions as the platform's. */
    List<TilePrecisions> precisions(IntGenome genome) {
        List<TilePrecisions> out = new ArrayList<>();
        for (TilePrecision p : space.decode(genome)) {
            out.add(new TilePrecisions(p.inputBits(), p.weightBits(), p.partialSumBits()));
        }
        return out;
    }

    /**
     * What every tile group reads and none changes (calibration record, evaluation batch), built once per node by
     * the first group that needs it; groups build their own state on it.
     */
    private synchronized CimEvaluator evaluator() {
        if (evaluator == null) {
            evaluator = evaluatorOf(fidelity).optPrefixCacheBytes(0).build();
        }
        return evaluator;
    }

    /** An evaluation as the search journals it: error in percent, then energy, latency, area; tops_per_w added. */
    private static EvaluationOutcome outcome(Evaluation e) {
        Map<String, Double> metrics = new TreeMap<>(e.metrics());
        metrics.put("tops_per_w", e.metrics().get("tops.per.watt"));
        return new EvaluationOutcome(new double[] {100 * e.objectives().top1Error(), e.objectives().energyPj(),
                e.objectives().latencyNs(), e.objectives().areaUm2()}, metrics);
    }

    /**
     * The front re-evaluated (METHOD.md sections 2 and 5). A re-scoring on another machine (a psum search reported as
     * the bitserial machine's): same network, search images, arrays, preset and calibration, the protocol's machine
     * simulated and costed. A held-out protocol: the protocol's machine (the searched one, or the one a psum search
     * is re-scored on) on {@code imageCount} test images outside the search subset ({@link SeededSubsets#heldOut}),
     * same calibration (shared by the chunks: calibrated once), preset and noise (the same chips: same noise seed and
     * draws), evaluated in chunks of {@link #HELD_OUT_CHUNK}; the counts of correct classifications are summed over
     * the chunks.
     */
    @Override
    public synchronized Reevaluation reevaluate(SearchEvent.EvaluationProtocol protocol, IntGenome genome) {
        Fidelity machine;
        try {
            machine = Fidelity.valueOf(protocol.machine().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown machine '" + protocol.machine() + "'", e);
        }
        if (protocol.isHeldOut()) {
            return heldOut(protocol, machine, genome);
        }
        if (!protocol.equals(SearchEvent.EvaluationProtocol.rescoring(protocol.machine(), platform()))) {
            throw new IllegalArgumentException(name + " re-evaluates on its own search images, preset " + preset.name()
                    + " and ideal devices only, not under " + protocol);
        }
        CimEvaluator target = reevaluators.computeIfAbsent(machine, m -> evaluatorOf(m).optPrefixCacheBytes(0).build());
        return Reevaluation.of(outcome(target.evaluate(precisions(genome))));
    }

    /** Test images outside the search subset: what a held-out protocol may use. */
    @Override
    public int heldOutImages() {
        return test.size() - evaluationLabels.length;
    }

    /** The held-out protocol of this platform on {@code machine} with {@code images} images. */
    public SearchEvent.EvaluationProtocol heldOutProtocol(Fidelity machine, int images) {
        if (images < 1 || images > heldOutImages()) {
            throw new IllegalArgumentException("cannot hold out " + images + " images: " + heldOutImages()
                    + " test images of " + dataset + " lie outside the search subset of " + evaluationLabels.length);
        }
        return SearchEvent.EvaluationProtocol.heldOut(machine.name().toLowerCase(java.util.Locale.ROOT), platform(),
                images);
    }

    private Reevaluation heldOut(SearchEvent.EvaluationProtocol protocol, Fidelity machine, IntGenome genome) {
        if (machine != fidelity && !(fidelity == Fidelity.PSUM && machine == Fidelity.BITSERIAL)) {
            throw new IllegalArgumentException(name + " on " + fidelity + " holds out images on its own machine"
                    + " (or on bitserial for a psum search), not on " + protocol.machine());
        }
        if (protocol.imageCount() < 1 || protocol.imageCount() > heldOutImages()
                || !protocol.equals(heldOutProtocol(machine, protocol.imageCount()))) {
            throw new IllegalArgumentException(name + " holds out up to " + heldOutImages() + " images with preset "
                    + preset.name() + ", subset seed " + SUBSET_SEED + " and its own noise, not under " + protocol);
        }
        List<CimEvaluator> chunks = heldOutEvaluators.computeIfAbsent(protocol, p -> heldOutChunks(machine, p.imageCount()));
        List<TilePrecisions> strategy = precisions(genome);
        Evaluation first = null;
        long[] correct = null;
        int images = 0;
        for (CimEvaluator chunk : chunks) {
            Evaluation e = chunk.evaluate(strategy);
            if (first == null) {
                first = e;
                correct = new long[e.correctByDraw().size()];
            }
            for (int d = 0; d < correct.length; d++) {
                correct[d] += e.correctByDraw().get(d);
            }
            images += e.images();
        }
        double[] accuracy = new double[correct.length];
        long total = 0;
        for (int d = 0; d < correct.length; d++) {
            accuracy[d] = correct[d] / (double) images;
            total += correct[d];
        }
        double mean = java.util.Arrays.stream(accuracy).sum() / accuracy.length;
        Map<String, Double> metrics = new TreeMap<>();
        metrics.put("top1.accuracy", mean);
        metrics.put("tops_per_w", first.metrics().get("tops.per.watt"));
        metrics.put("held_out.chunks", (double) chunks.size());
        if (machine == fidelity && !noise.isIdeal()) {
            double ss = 0;
            for (double a : accuracy) {
                ss += (a - mean) * (a - mean);
            }
            metrics.put("noise.draws", (double) accuracy.length);
            metrics.put("top1.accuracy.std", accuracy.length < 2 ? 0 : Math.sqrt(ss / (accuracy.length - 1)));
            metrics.put("top1.accuracy.min", java.util.Arrays.stream(accuracy).min().orElseThrow());
            metrics.put("top1.accuracy.max", java.util.Arrays.stream(accuracy).max().orElseThrow());
        }
        EvaluationOutcome outcome = new EvaluationOutcome(new double[] {100 * (1 - mean), first.objectives().energyPj(),
                first.objectives().latencyNs(), first.objectives().areaUm2()}, metrics);
        return new Reevaluation(outcome, total, (long) images * correct.length);
    }

    /**
     * Correct top-1 classifications of the FP network (no quantization, no arrays) on the {@code count} held-out
     * images a held-out protocol of that count uses: the accuracy a quantization strategy is measured against
     * (METHOD.md section 5, "within 1 point of FP accuracy"). Evaluated in chunks of {@link #HELD_OUT_CHUNK}, each
     * evaluator closed afterwards.
     */
    public synchronized long floatHeldOutCorrect(int count) {
        if (count < 1 || count > heldOutImages()) {
            throw new IllegalArgumentException("cannot hold out " + count + " images: " + heldOutImages()
                    + " test images of " + dataset + " lie outside the search subset of " + evaluationLabels.length);
        }
        ImageSet held = SeededSubsets.heldOut(test, evaluationLabels.length, count, SUBSET_SEED);
        long correct = 0;
        for (int from = 0; from < count; from += HELD_OUT_CHUNK) {
            int to = Math.min(count, from + HELD_OUT_CHUNK);
            int[] labels = java.util.Arrays.copyOfRange(held.labels(), from, to);
            try (CimEvaluator chunk = evaluatorOf(fidelity, normalization.normalize(held, from, to - from), labels)
                    .optCalibrationOf(evaluator()).optPrefixCacheBytes(0).build()) {
                correct += Math.round(chunk.floatAccuracy() * (to - from));
            }
        }
        return correct;
    }

    /** Evaluators of the {@code count} held-out images on {@code machine}, one per chunk of {@link #HELD_OUT_CHUNK}. */
    private List<CimEvaluator> heldOutChunks(Fidelity machine, int count) {
        ImageSet held = SeededSubsets.heldOut(test, evaluationLabels.length, count, SUBSET_SEED);
        // one calibration for all chunks: the machine's whole-network evaluator's (calibrated once, not per chunk)
        CimEvaluator calibrated = machine == fidelity ? evaluator()
                : reevaluators.computeIfAbsent(machine, m -> evaluatorOf(m).optPrefixCacheBytes(0).build());
        List<CimEvaluator> chunks = new ArrayList<>();
        for (int from = 0; from < count; from += HELD_OUT_CHUNK) {
            int to = Math.min(count, from + HELD_OUT_CHUNK);
            int[] labels = java.util.Arrays.copyOfRange(held.labels(), from, to);
            chunks.add(evaluatorOf(machine, normalization.normalize(held, from, to - from), labels)
                    .optCalibrationOf(calibrated).optPrefixCacheBytes(0).build());
        }
        return chunks;
    }

    /** The evaluation batch's activations at a group boundary, owned by the stage message carrying them. */
    private record Boundary(Handoff handoff) implements Activations {
        @Override
        public void close() {
            handoff.close();
        }
    }

    /** One tile group's simulation: its own {@link TileGroupStage} (calibration, kernel buffers, cache share). */
    private final class Group implements TileGroupSimulation {
        private final TileGroupStage stage;
        private final boolean first;
        private final boolean last;

        Group(TileGroupStage stage, boolean first, boolean last) {
            this.stage = stage;
            this.first = first;
            this.last = last;
        }

        @Override
        public String name() {
            return stage.name();
        }

        @Override
        public StageOutput run(IntGenome genome, Activations upstream) {
            Handoff in = first ? evaluator().start(precisions(genome)) : ((Boundary) upstream).handoff();
            Handoff out = stage.run(in);
            if (!last) {
                return new Boundary(stage.handOff(out));
            }
            Evaluation e = evaluator().score(out);
            return outcome(e);
        }

        @Override
        public void close() {
            stage.close();
        }
    }

    private static String fingerprint(float[] calibration, float[] evaluation, int[] labels) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            ByteBuffer buf = ByteBuffer.allocate(4 * (calibration.length + evaluation.length + labels.length));
            for (float v : calibration) {
                buf.putFloat(v);
            }
            for (float v : evaluation) {
                buf.putFloat(v);
            }
            for (int v : labels) {
                buf.putInt(v);
            }
            return "sha256:" + HexFormat.of().formatHex(d.digest(buf.array()), 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** DJL-style builder: {@code set*} required, {@code opt*} optional. */
    public static final class Builder {
        private String model;
        private String dataset;
        private Path datasetDir;
        private Path weights;
        private Fidelity fidelity = Fidelity.PSUM;
        private HardwarePreset preset = HardwarePreset.ISAAC_32NM;
        private NoiseSetting noise = NoiseSetting.IDEAL;
        private Granularity granularity = Granularity.ARRAY;
        private int calibrationImages = SeededSubsets.DEFAULT_CALIBRATION_SIZE;
        private int evaluationImages = SeededSubsets.DEFAULT_EVALUATION_SIZE;
        private long activationCacheBytes = ConfigFactory.load().getBytes("cim2pq.evaluation.activation-cache-bytes");
        private boolean foldInput = true;
        private ArrayConfig arrayConfig = ArrayConfig.defaults();
        private boolean pinFirstLast;
        private QuantizationConfig quantization = QuantizationConfig.builder().optPerColumnWeightScales(true).build();

        private Builder() {}

        /** A model shipped with cim2pq, e.g. {@code lenet5}. */
        public Builder setModel(String model) {
            this.model = model;
            return this;
        }

        /** E.g. {@code fashion-mnist}. */
        public Builder setDataset(String dataset) {
            this.dataset = dataset;
            return this;
        }

        /** Default: the dataset's default folder. */
        public Builder optDatasetDir(Path dir) {
            this.datasetDir = dir;
            return this;
        }

        /**
         * Weights written by {@code cim2pq train} (a {@code .params} file with its provenance beside it), instead of
         * the shipped ones; their provenance must name this model and data set. Default: the shipped weights.
         */
        public Builder optWeights(Path paramsFile) {
            this.weights = paramsFile;
            return this;
        }

        /** Default {@code PSUM}. */
        public Builder optFidelity(Fidelity fidelity) {
            this.fidelity = fidelity;
            return this;
        }

        /** Default {@link HardwarePreset#ISAAC_32NM}. */
        public Builder optPreset(HardwarePreset preset) {
            this.preset = java.util.Objects.requireNonNull(preset, "preset");
            return this;
        }

        /**
         * Fold the data set's input normalisation into the first layer, so its DAC takes unsigned 8-bit pixel codes
         * (default true since CIM model revision 3; false is the datapath of every journal before it).
         */
        public Builder optFoldInputNormalization(boolean fold) {
            this.foldInput = fold;
            return this;
        }

        /**
         * Calibration choices (default since CIM model revision 3: {@link QuantizationConfig#defaults()} with
         * per-column weight scales; per-tile scales are the datapath of every journal before it).
         */
        public Builder optQuantization(QuantizationConfig quantization) {
            this.quantization = java.util.Objects.requireNonNull(quantization, "quantization");
            return this;
        }

        /**
         * The non-idealities (default {@link NoiseSetting#IDEAL}), on either machine; the noise
         * seed should come from the search seed (ops derives it with the engine's {@code Purpose.NOISE} stream).
         */
        public Builder optNoise(NoiseSetting noise) {
            this.noise = java.util.Objects.requireNonNull(noise, "noise");
            return this;
        }

        /** The crossbar arrays (rows, columns, cell bits, weight encoding); default {@link ArrayConfig#defaults()}. */
        public Builder optArrayConfig(ArrayConfig config) {
            this.arrayConfig = java.util.Objects.requireNonNull(config, "config");
            return this;
        }

        /** Pin the first and last layers to 8 bits, out of the search; default false (every layer searched). */
        public Builder optPinFirstLast(boolean pin) {
            this.pinFirstLast = pin;
            return this;
        }

        /** Default {@code ARRAY} (CIM2PQ); {@code LAYER} is the layerwise baseline. */
        public Builder optGranularity(Granularity granularity) {
            this.granularity = granularity;
            return this;
        }

        /** Default 256 training images. */
        public Builder optCalibrationImages(int n) {
            this.calibrationImages = n;
            return this;
        }

        /** Default 1,000 held-out test images. */
        public Builder optEvaluationImages(int n) {
            this.evaluationImages = n;
            return this;
        }

        /**
         * Bytes of cached activations on this node, shared by all its pipelines; default reference.conf's
         * {@code cim2pq.evaluation.activation-cache-bytes}.
         */
        public Builder optActivationCacheBytes(long bytes) {
            this.activationCacheBytes = bytes;
            return this;
        }

        /** The node's activation budget (formerly per pipeline); same as {@link #optActivationCacheBytes}. */
        public Builder optPrefixCacheBytes(long bytes) {
            return optActivationCacheBytes(bytes);
        }

        public CimPlatformModel build() {
            if (model == null || dataset == null) {
                throw new IllegalArgumentException("setModel and setDataset are required");
            }
            return new CimPlatformModel(this);
        }
    }
}
