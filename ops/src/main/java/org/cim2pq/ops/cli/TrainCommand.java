package org.cim2pq.ops.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.cim2pq.ops.input.Choices;
import org.cim2pq.ops.input.UserError;
import org.cim2pq.sim.data.DatasetCatalog;
import org.cim2pq.sim.data.DatasetException;
import org.cim2pq.ops.setup.DataDir;
import org.cim2pq.sim.models.ModelProvenance;
import org.cim2pq.sim.models.TrainedModels;
import org.cim2pq.sim.network.Architecture;
import org.cim2pq.sim.train.Augmentation;
import org.cim2pq.sim.train.NetworkTraining;
import org.cim2pq.sim.train.TrainingConfig;
import org.cim2pq.sim.train.TrainingProgress;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cim2pq train}: trains a network on a data set and writes its weights plus a provenance file next to them
 * ({@code FILE} and {@code FILE} with {@code .params} replaced by {@code .provenance.properties}).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a network (seeded, CPU) and write its weights with their provenance.")
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "NAME",
            description = "Network: lenet5, resnet8, resnet20, resnet18.")
    String model;

    @Option(names = "--dataset", required = true, paramLabel = "NAME",
            description = "Data set: fashion-mnist, cifar10, cifar100.")
    String dataset;

    @Option(names = "--epochs", required = true, paramLabel = "E", description = "Training epochs.")
    int epochs;

    @Option(names = "--seed", required = true, paramLabel = "S", description = "Seed of initialisation, order and augmentation.")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "Weight file to write (e.g. resnet8-fashion-mnist.params).")
    Path out;

    @Option(names = "--dataset-dir", paramLabel = "DIR",
            description = "Folder with the data set files (default: /usr/share/datasets/fashion-mnist for "
                    + "fashion-mnist; required for CIFAR).")
    Path datasetDir;

    @Option(names = "--batch-size", paramLabel = "B", defaultValue = "128", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--augmentation", paramLabel = "KIND", defaultValue = "standard",
            description = "standard (random crop with padding 2 on 28x28 / 4 on 32x32, horizontal flips) or none "
                    + "(default: ${DEFAULT-VALUE}); none converges faster on short schedules.")
    AugmentationKind augmentation;

    /** Which training augmentation. */
    enum AugmentationKind { STANDARD, NONE }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        TrainingConfig config;
        try {
            config = TrainingConfig.builder()
                    .setModel(Architecture.byId(model))
                    .setDataset(DatasetCatalog.byId(dataset))
                    .setEpochs(epochs)
                    .setSeed(seed)
                    .optBatchSize(batchSize)
                    .optDataDir(datasetDir)
                    .optAugmentation(switch (augmentation) {
                        case STANDARD -> Augmentation.standard(DatasetCatalog.byId(dataset).imageShape()[2]);
                        case NONE -> Augmentation.NONE;
                    })
                    .build();
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
        if (!out.getFileName().toString().endsWith(".params")) {
            throw new UserError("--out must name a .params file (the provenance goes next to it), got " + out);
        }
        checkWritable(out);
        checkWritable(TrainedModels.provenanceFile(out));
        ModelProvenance p;
        try {
            p = NetworkTraining.trainAndSave(config, out, commandLine(),
                    TrainingProgress.printingTo(spec.commandLine().getOut()));
        } catch (DatasetException e) {
            throw new UserError(e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        spec.commandLine().getOut().printf(Locale.ROOT, "train: %s on %s, test accuracy %.4f (%d images), %.0f s; wrote %s%n",
                p.model(), p.dataset(), p.testAccuracy(), p.testImages(), p.trainingSeconds(), out);
        return 0;
    }

    /**
     * Proves before the first epoch that the weights can be written where asked (a run can take hours): the
     * folder is created if needed and a probe file written and removed; an existing file must be writable.
     */
    static void checkWritable(Path file) {
        Path target = file.toAbsolutePath().normalize();
        if (Files.isDirectory(target)) {
            throw new UserError("cannot write " + file + ": it is a directory");
        }
        try {
            Files.createDirectories(target.getParent());
            if (Files.exists(target)) {
                if (!Files.isWritable(target)) {
                    throw new UserError("cannot write " + file + ": permission denied");
                }
            } else {
                Files.delete(Files.createTempFile(target.getParent(), ".write-check", ".tmp"));
            }
        } catch (IOException | SecurityException e) {
            throw new UserError("cannot write " + file + " (" + DataDir.reason(e) + "); nothing was trained", e);
        }
    }

    /** The command as the user would retype it (options in a fixed order, defaults spelled out). */
    private String commandLine() {
        List<String> parts = new ArrayList<>(List.of("cim2pq", "train", "--model", model, "--dataset", dataset,
                "--epochs", Integer.toString(epochs), "--seed", Long.toString(seed), "--out", out.toString(),
                "--batch-size", Integer.toString(batchSize), "--augmentation", Choices.name(augmentation)));
        if (datasetDir != null) {
            parts.add("--dataset-dir");
            parts.add(datasetDir.toString());
        }
        return String.join(" ", parts);
    }
}
