package org.cim2pq.ops.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.cim2pq.ops.experiment.ExperimentPlan;
import org.cim2pq.ops.experiment.ExperimentRun;
import org.cim2pq.ops.experiment.Variant;
import org.cim2pq.ops.input.UserError;
import org.cim2pq.ops.search.PlatformModels;
import org.cim2pq.ops.search.SearchRequest;
import org.cim2pq.ops.setup.DataDir;
import org.cim2pq.ops.setup.FashionMnistInstall;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cim2pq experiment compare}: the 2x2 design (arraywise / layerwise x qNSGA-III / NSGA-III) with one budget
 * and seeds 1..K. Each run's request is what {@code search} makes of the same options (so every search option keeps
 * its meaning, defaults and checks); see {@link ExperimentPlan} for how the budget becomes population and generations.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run CIM2PQ (arraywise + qNSGA-III), the layerwise NSGA-III baseline and the two other"
                + " combinations with one budget and seeds 1..K, and write the results table and plots"
                + " (rerunning continues what is unfinished).")
final class ExperimentCompareCommand implements Callable<Integer> {

    /** {@code --quick}'s settings where the command line gives none: a LeNet-5 comparison of about a minute. */
    static final int QUICK_SEEDS = 2;
    static final int QUICK_POPULATION = 4;
    static final int QUICK_BUDGET = 8;
    static final int QUICK_EVAL_IMAGES = 200;
    static final int QUICK_CALIBRATION_IMAGES = 64;
    static final String QUICK_HELD_OUT = "300";

    @Option(names = "--model", paramLabel = "M", description = "Trained network (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--dataset", paramLabel = "D", description = "Dataset (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--seeds", paramLabel = "K", description = "Seeds 1..K for every variant, 1.." + ExperimentPlan.MAX_SEEDS
            + " (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--budget", paramLabel = "EVALS", description = "Evaluations per search, the same for every variant:"
            + " population N x (generations + 1), rounded down to a multiple of N, at least 2N (default: ${DEFAULT-VALUE}).")
    int budget;

    @Option(names = "--population", paramLabel = "N", description = "Strategies per generation (default: ${DEFAULT-VALUE}).")
    int population;

    @Option(names = "--fidelity", paramLabel = "psum|bitserial", description = "CIM machine simulated and costed (default: ${DEFAULT-VALUE}).")
    String fidelity;

    @Option(names = "--preset", paramLabel = "P", description = "Hardware preset (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--eval-images", paramLabel = "K", description = "Search-subset test images (default: ${DEFAULT-VALUE}).")
    int evalImages;

    @Option(names = "--calibration-images", paramLabel = "K", description = "Training images for calibration (default: ${DEFAULT-VALUE}).")
    int calibrationImages;

    @Option(names = "--held-out", paramLabel = "N|all", description = "Held-out test images the fronts are judged on (default: ${DEFAULT-VALUE}).")
    String heldOut;

    @Option(names = "--weights", paramLabel = "FILE", description = "Trained weights written by cim2pq train instead of the shipped ones.")
    Path weights;

    @Option(names = "--dataset-dir", paramLabel = "DIR", description = "Folder with the data set's files (e.g. CIFAR's binary batches).")
    Path datasetDir;

    @Option(names = "--out", paramLabel = "DIR", description = "Results folder; its name prefixes the search ids"
            + " (default: <data-dir>/experiment-<model>-<dataset>, -quick with --quick).")
    Path out;

    @Option(names = "--quick", description = "A small comparison (seeds " + QUICK_SEEDS + ", population " + QUICK_POPULATION
            + ", budget " + QUICK_BUDGET + ", " + QUICK_EVAL_IMAGES + " search and " + QUICK_HELD_OUT + " held-out images,"
            + " " + QUICK_CALIBRATION_IMAGES + " calibration images) where the command line gives no other value.")
    boolean quick;

    @Option(names = "--config", paramLabel = "FILE", description = "HOCON file whose cim2pq.* keys set these options' defaults.")
    Path config;

    @Mixin
    RunOptions run;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        run.validate();
        if (quick) {
            seeds = given("--seeds") ? seeds : QUICK_SEEDS;
            population = given("--population") ? population : QUICK_POPULATION;
            budget = given("--budget") ? budget : QUICK_BUDGET;
            evalImages = given("--eval-images") ? evalImages : QUICK_EVAL_IMAGES;
            calibrationImages = given("--calibration-images") ? calibrationImages : QUICK_CALIBRATION_IMAGES;
            heldOut = given("--held-out") ? heldOut : QUICK_HELD_OUT;
        }
        DataDir data = DataDir.open(run.dataDir);
        Path folder = (out != null ? out : data.path().resolve("experiment-" + model + "-" + dataset + (quick ? "-quick" : "")))
                .toAbsolutePath().normalize();
        String name = folder.getFileName() == null ? "" : folder.getFileName().toString();
        ExperimentPlan plan = ExperimentPlan.of(name, folder, seeds, budget, population, quick, this::request);
        SearchRequest first = plan.runs().get(0).request();
        if (first.dataset().equals("fashion-mnist")) {
            new FashionMnistInstall(first.datasetDir() == null ? FashionMnistInstall.DEBIAN_DIR
                    : Path.of(first.datasetDir()), System.out).ensure();
        }
        return new ExperimentRun(data, run.journal.choice(), new PlatformModels(), System.out, System.err)
                .run(plan, run.pipelines, run.snapshotEvery, "cim2pq " + String.join(" ",
                        spec.commandLine().getParseResult().originalArgs()));
    }

    private boolean given(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    /** What {@code search} makes of this experiment's options for one variant and seed. */
    private SearchRequest request(Variant v, int seed, String id, int population, int generations) {
        List<String> a = new ArrayList<>(List.of("search", "--model", model, "--dataset", dataset,
                "--seed", String.valueOf(seed), "--population", String.valueOf(population),
                "--generations", String.valueOf(generations), "--granularity", v.granularity(),
                "--selection", v.selection(), "--fidelity", fidelity, "--preset", preset,
                "--eval-images", String.valueOf(evalImages), "--calibration-images", String.valueOf(calibrationImages),
                "--held-out", heldOut, "--id", id));
        if (weights != null) {
            a.addAll(List.of("--weights", weights.toString()));
        }
        if (datasetDir != null) {
            a.addAll(List.of("--dataset-dir", datasetDir.toString()));
        }
        if (config != null) {
            a.addAll(List.of("--config", config.toString()));
        }
        String[] args = a.toArray(String[]::new);
        CommandLine cl = Cim2pq.newCommandLine(args);
        try {
            cl.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new UserError(e.getMessage(), e);
        }
        SearchCommand search = cl.getSubcommands().get("search").getCommand();
        try {
            return search.request();
        } catch (CommandLine.ParameterException e) {
            throw new UserError(e.getMessage(), e);
        }
    }
}
