package org.cim2pq.ops.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.cim2pq.engine.space.Granularity;
import org.cim2pq.ops.input.Choices;
import org.cim2pq.ops.input.Limits;
import org.cim2pq.ops.input.NoiseProfileChoice;
import org.cim2pq.ops.input.Selection;
import org.cim2pq.ops.input.UserError;
import org.cim2pq.ops.search.Calibration;
import org.cim2pq.ops.search.PlatformModels;
import org.cim2pq.ops.search.ClusterSearchRun;
import org.cim2pq.ops.cluster.HostPort;
import org.cim2pq.ops.search.SearchRequest;
import org.cim2pq.ops.search.SearchRun;
import org.cim2pq.ops.search.SpaceChoices;
import org.cim2pq.ops.setup.DataDir;
import org.cim2pq.ops.setup.FashionMnistInstall;
import org.cim2pq.sim.cim.inference.Fidelity;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cim2pq search}: a CIM2PQ search on this machine, journaled in the embedded journal. */
@Command(name = "search", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Search arraywise mixed-precision strategies (journaled; Ctrl-C stops, resume continues).")
final class SearchCommand implements Callable<Integer> {

    @Option(names = "--model", paramLabel = "M", description = "Trained network shipped with cim2pq: lenet5, resnet8, resnet20 (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--dataset", paramLabel = "D", description = "Dataset (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--seed", paramLabel = "S", description = "Search seed, >= 0 (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--population", paramLabel = "N", description = "Strategies per generation, " + Limits.POPULATION_RANGE + " (default: ${DEFAULT-VALUE}).")
    int population;

    @Option(names = "--generations", paramLabel = "G", description = "Generations after the initial one, " + Limits.GENERATIONS_RANGE + " (default: ${DEFAULT-VALUE}).")
    int generations;

    @Option(names = "--granularity", paramLabel = "array|layer", description = "Precision per array (CIM2PQ) or per layer (baseline) (default: ${DEFAULT-VALUE}).")
    Granularity granularity;

    @Option(names = "--selection", paramLabel = "qnsga3|nsga3", description = "Survival selection (default: ${DEFAULT-VALUE}).")
    Selection selection;

    @Option(names = "--quota", paramLabel = "Q", description = "qNSGA-III: fraction of each generation's survivors reserved for low-bit strategies within --delta of the best error, 0..1 (default: ${DEFAULT-VALUE}).")
    double quota;

    @Option(names = "--delta", paramLabel = "POINTS", description = "qNSGA-III: accuracy tolerance of the reserved strategies, in error percentage points, >= 0 (default: ${DEFAULT-VALUE}).")
    double delta;

    @Option(names = "--fidelity", paramLabel = "psum|bitserial", description = "CIM simulation fidelity (default: ${DEFAULT-VALUE}).")
    Fidelity fidelity;

    @Option(names = "--preset", paramLabel = "P", description = "Hardware preset the search is costed with (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--noise", paramLabel = "P", converter = NoiseProfileChoice.class, description = "Non-idealities of the simulated chip: ideal, typical-rram,"
            + " faulty-rram (profiles in docs/sim-noise.md; on either machine) (default: ${DEFAULT-VALUE}).")
    String noise;

    @Option(names = "--noise-draws", paramLabel = "K", description = "Chip instances each strategy is evaluated on under"
            + " noise, " + Limits.NOISE_DRAWS_RANGE + "; the objective is their mean accuracy (default: ${DEFAULT-VALUE}).")
    int noiseDraws;

    @Option(names = "--eval-images", paramLabel = "K", description = "Test images every strategy is evaluated on during the search (the search subset) (default: ${DEFAULT-VALUE}).")
    int evalImages;

    @Option(names = "--calibration-images", paramLabel = "K", description = "Training images for calibration (default: ${DEFAULT-VALUE}).")
    int calibrationImages;

    @Option(names = "--fold-input", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
            description = "Fold the input normalisation into the first layer, whose DAC then takes unsigned 8-bit pixel"
                    + " codes (default: ${DEFAULT-VALUE}).")
    boolean foldInput;

    @Option(names = "--per-column-weight-scales", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
            description = "One weight scale per output channel instead of per array (default: ${DEFAULT-VALUE}).")
    boolean perColumnWeightScales;

    @Option(names = "--output-weighted-adc", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
            description = "Calibrate the bitserial ADC range for the error of the outputs, not of the raw column"
                    + " counts (default: ${DEFAULT-VALUE}).")
    boolean outputWeightedAdc;

    @Option(names = "--quantized-psum-calibration", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
            description = "Calibrate the psum ADC on the partial sums of its quantized inputs and weights, not on FP"
                    + " partial sums (default: ${DEFAULT-VALUE}).")
    boolean quantizedPsumCalibration;

    @Option(names = "--array", paramLabel = "RxC", description = "Crossbar rows x columns (default: ${DEFAULT-VALUE}).")
    String array;

    @Option(names = "--cell-bits", paramLabel = "B", description = "Bits per cell (default: ${DEFAULT-VALUE}).")
    int cellBits;

    @Option(names = "--encoding", paramLabel = "differential|offset",
            description = "Signed weights: differential (column pairs) or offset (offset column) (default: ${DEFAULT-VALUE}).")
    String encoding;

    @Option(names = "--pin-first-last", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
            description = "Pin the first and last layers to 8 bits, out of the search (default: ${DEFAULT-VALUE}).")
    boolean pinFirstLast;

    @Option(names = "--sensitivity", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
            description = "Measure each array's sensitivity once before the search (its outputs' divergence when it"
                    + " alone is lowered to 4 bits, on the calibration images), journal it, and bias the mutation"
                    + " towards fewer bits on the less sensitive arrays (default: ${DEFAULT-VALUE}).")
    boolean sensitivity;

    @Option(names = "--rescore", paramLabel = "none|bitserial",
            description = "Re-score the front of a psum search on the bitserial machine when it completes, journaled;"
                    + " front.csv, export and report then show the bitserial figures, labelled"
                    + " (default: ${DEFAULT-VALUE}).")
    String rescore;

    @Option(names = "--held-out", paramLabel = "N|all|none",
            description = "Evaluate the front again on N test images outside the search subset (all: every one; none:"
                    + " no held-out figures) when the search completes, journaled; front.csv, export and report show"
                    + " their top-1 accuracy with its 95%% interval beside the search figures (default: ${DEFAULT-VALUE}).")
    String heldOut;

    @Option(names = "--weights", paramLabel = "FILE",
            description = "Trained weights written by cim2pq train (FILE.params with its provenance beside it) instead"
                    + " of the shipped ones; recorded in the journal, checked against --model and --dataset.")
    Path weights;

    @Option(names = "--dataset-dir", paramLabel = "DIR",
            description = "Folder with the data set's files (default: the data set's own, e.g."
                    + " /usr/share/datasets/fashion-mnist); recorded in the journal.")
    Path datasetDir;

    @Option(names = "--id", paramLabel = "ID", description = "Search id (default: <model>-<dataset>-s<seed>-<granularity>-<selection>).")
    String id;

    @Mixin
    RunOptions run;

    @Option(names = "--cluster", paramLabel = "HOST:PORT",
            description = "Submit the search to the running cluster at this node and follow it (Ctrl-C detaches; the"
                    + " search goes on there); --pipelines and --journal are the cluster's.")
    String cluster;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "HOCON file whose cim2pq.* keys set these options' defaults.")
    Path config;

    @Override
    public Integer call() throws Exception {
        run.validate();
        if (cluster != null) {
            SearchRequest request = request();
            DataDir data = DataDir.open(run.dataDir);
            if (request.dataset().equals("fashion-mnist")) {
                new FashionMnistInstall(request.datasetDir() == null ? FashionMnistInstall.DEBIAN_DIR
                        : Path.of(request.datasetDir()), System.out).ensure();
            }
            return new ClusterSearchRun(data, new PlatformModels(), System.out, System.err)
                    .run(request, run.snapshotEvery, HostPort.parse("--cluster", cluster));
        }
        return run(request(), run);
    }

    SearchRequest request() {
        String g = Choices.name(granularity);
        String s = Choices.name(selection);
        String f = Choices.name(fidelity);
        if (seed < 0) {
            throw new UserError("--seed must be >= 0, got " + seed);
        }
        Limits.check("--population", population, Limits.POPULATION);
        Limits.check("--generations", generations, Limits.GENERATIONS);
        Limits.check("--eval-images", evalImages, Limits.EVAL_IMAGES);
        Limits.check("--calibration-images", calibrationImages, Limits.CALIBRATION_IMAGES);
        Limits.check("--noise-draws", noiseDraws, Limits.NOISE_DRAWS);
        if (!(quota >= 0 && quota <= 1)) {
            throw new UserError("--quota must be in 0..1, got " + quota);
        }
        if (!(delta >= 0) || Double.isInfinite(delta)) {
            throw new UserError("--delta must be a number of error points >= 0, got " + delta);
        }
        String searchId = id != null ? id : model + "-" + dataset + "-s" + seed + "-" + g + "-" + s;
        if (!searchId.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,79}")) {
            throw new UserError("--id may use letters, digits, '.', '_' and '-' (at most 80), got '" + searchId + "'");
        }
        if (DataDir.RESERVED.contains(searchId)) {
            throw new UserError("--id '" + searchId + "' is taken: <data-dir>/" + searchId + " is not a search's folder"
                    + " (reserved: " + String.join(", ", new java.util.TreeSet<>(DataDir.RESERVED)) + ")");
        }
        return new SearchRequest(searchId, lower(model), lower(dataset), seed, population, generations, g, s, f,
                evalImages, calibrationImages, weights == null ? null : weights.toAbsolutePath().normalize().toString(),
                datasetDir == null ? null : datasetDir.toAbsolutePath().normalize().toString(), lower(preset),
                // the layerwise baseline quantizes per layer (METHOD.md section 4), CIM2PQ per tile
                new Calibration(foldInput, perColumnWeightScales, outputWeightedAdc, quantizedPsumCalibration,
                        granularity == Granularity.LAYER),
                rescoreMachine(), lower(noise), noiseDraws, heldOutImages(), quota, delta, spaceChoices());
    }

    private SpaceChoices spaceChoices() {
        SpaceChoices c = new SpaceChoices(lower(array), cellBits, lower(encoding), pinFirstLast, sensitivity);
        try {
            c.arrayConfig();
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage().startsWith("--") ? e.getMessage()
                    : "--array " + array + " --cell-bits " + cellBits + " --encoding " + encoding + ": " + e.getMessage(), e);
        }
        return c;
    }

    private String heldOutImages() {
        String h = lower(heldOut);
        if (!h.equals(SearchRequest.HELD_OUT_ALL) && !h.equals(SearchRequest.HELD_OUT_NONE) && !h.matches("[1-9][0-9]{0,8}")) {
            throw new UserError("--held-out must be a positive number of images, all or none, got '" + heldOut + "'");
        }
        return h;
    }

    private String rescoreMachine() {
        String r = lower(rescore);
        if (!r.equals("none") && !r.equals("bitserial")) {
            throw new UserError("--rescore must be none or bitserial, got '" + rescore + "'");
        }
        return r.equals("none") ? "" : r;
    }

    static int run(SearchRequest request, RunOptions run) throws Exception {
        DataDir data = DataDir.open(run.dataDir);
        if (request.dataset().equals("fashion-mnist")) {
            new FashionMnistInstall(request.datasetDir() == null ? FashionMnistInstall.DEBIAN_DIR
                    : Path.of(request.datasetDir()), System.out).ensure();
        }
        return new SearchRun(data, run.journal.choice(), new PlatformModels(), System.out, System.err)
                .run(request, run.pipelines, run.snapshotEvery);
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
