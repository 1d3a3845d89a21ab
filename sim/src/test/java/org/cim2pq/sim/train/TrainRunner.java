package org.cim2pq.sim.train;

import org.cim2pq.sim.data.DatasetCatalog;
import org.cim2pq.sim.models.ModelProvenance;
import org.cim2pq.sim.network.Architecture;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@link NetworkTraining#trainAndSave} with the options of {@code cim2pq train} from the sim module's test
 * class path, for training before the CLI is wired. It records the equivalent {@code cim2pq train} command line,
 * which runs the same code with the same arguments.
 *
 * <p>Usage: {@code TrainRunner --model M --dataset D --epochs E --seed S --out FILE [--data-dir DIR]
 * [--batch-size B] [--train-limit N]}.
 */
public final class TrainRunner {

    private TrainRunner() {
    }

    public static void main(String[] args) throws Exception {
        String model = null;
        String dataset = null;
        Integer epochs = null;
        Long seed = null;
        Path out = null;
        Path dataDir = null;
        int batchSize = 128;
        int trainLimit = 0;
        List<String> command = new ArrayList<>(List.of("cim2pq", "train"));
        for (int i = 0; i < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--model" -> model = v;
                case "--dataset" -> dataset = v;
                case "--epochs" -> epochs = Integer.parseInt(v);
                case "--seed" -> seed = Long.parseLong(v);
                case "--out" -> out = Path.of(v);
                case "--data-dir" -> dataDir = Path.of(v);
                case "--batch-size" -> batchSize = Integer.parseInt(v);
                case "--train-limit" -> trainLimit = Integer.parseInt(v);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
            if (!args[i].equals("--train-limit")) {
                command.add(args[i]);
                command.add(v);
            }
        }
        TrainingConfig config = TrainingConfig.builder()
                .setModel(Architecture.byId(model))
                .setDataset(DatasetCatalog.byId(dataset))
                .setEpochs(epochs)
                .setSeed(seed)
                .optBatchSize(batchSize)
                .optDataDir(dataDir)
                .optTrainLimit(trainLimit)
                .build();
        ModelProvenance p = NetworkTraining.trainAndSave(config, out, String.join(" ", command),
                TrainingProgress.printingTo(System.out));
        System.out.printf("test accuracy %.4f on %d images, %.1f s; wrote %s%n", p.testAccuracy(), p.testImages(),
                p.trainingSeconds(), out);
    }
}
