package org.cim2pq.sim.train;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import org.cim2pq.engine.provenance.CodeVersion;
import org.cim2pq.sim.data.ImageSet;
import org.cim2pq.sim.data.Normalization;
import org.cim2pq.sim.data.SeededSubsets;
import org.cim2pq.sim.models.ModelProvenance;
import org.cim2pq.sim.models.ReferenceForward;
import org.cim2pq.sim.models.TrainedModel;
import org.cim2pq.sim.models.TrainedModels;
import org.cim2pq.sim.network.FoldableBlock;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;

/**
 * Supervised training of a classifier on DJL (the default engine, PyTorch on CPU): softmax cross-entropy,
 * SGD with momentum and weight decay, warm-up + cosine learning rate, seeded shuffling and augmentation, then the
 * top-1 accuracy on the test split.
 *
 * <p>Determinism: the engine seed ({@code Engine.setRandomSeed}) fixes the weight initialisation; one
 * {@link SplittableRandom} from the seed drives, in a fixed order, each epoch's shuffle and every image's
 * augmentation. Same config, same machine and thread count give the same weights.
 *
 * <p>Memory: every batch runs in its own sub-manager, closed after the optimizer step (an epoch loop that leaks
 * NDArrays slows down steadily).
 */
public final class NetworkTraining {

    /** Added to the seed for the data stream, so it is not correlated with the engine's generator. */
    private static final long DATA_STREAM = 0x5DEECE66DL;

    private NetworkTraining() {
    }

    /**
     * Trains as {@code config} says, writes the weights to {@code paramsFile} and the provenance next to it.
     *
     * @param command the command line that reproduces this run, recorded in the provenance
     * @return the provenance as written
     */
    public static ModelProvenance trainAndSave(TrainingConfig config, Path paramsFile, String command,
                                               TrainingProgress progress) throws IOException {
        try (TrainedModel trained = train(config, command, progress)) {
            return TrainedModels.save(trained.block(), trained.provenance(), paramsFile);
        }
    }

    /**
     * Trains as {@code config} says and returns the trained model in memory (its provenance has no weight hash
     * until it is saved).
     */
    public static TrainedModel train(TrainingConfig config, String command, TrainingProgress progress) {
        Path dir = config.dataset().resolveDir(config.dataDir());
        ImageSet train = config.dataset().train(dir);
        if (config.trainLimit() > 0) {
            train = train.head(config.trainLimit());
        }
        ImageSet test = config.dataset().test(dir);
        if (config.testLimit() > 0) {
            test = test.head(config.testLimit());
        }
        ImageSet monitor = config.monitorImages() == 0 ? null
                : SeededSubsets.evaluation(test, Math.min(config.monitorImages(), test.size()), config.seed());
        Normalization normalization = config.dataset().normalization();

        Engine.getInstance().setRandomSeed((int) config.seed());
        FoldableBlock block = config.model().build(train.classes());
        Model model = Model.newInstance(config.model().id());
        boolean done = false;
        try {
            model.setBlock(block);
            int batches = (train.size() + config.batchSize() - 1) / config.batchSize();
            int totalSteps = batches * config.epochs();
            WarmupCosineSchedule schedule = new WarmupCosineSchedule(config.learningRate(),
                    Math.min(batches, totalSteps / 2), totalSteps);
            Optimizer sgd = Optimizer.sgd()
                    .setLearningRateTracker(schedule)
                    .optMomentum(config.momentum())
                    .optWeightDecays(config.weightDecay())
                    .build();
            // He initialisation (Gaussian, fan-in, magnitude 2) for conv / linear weights: the ResNet paper's.
            DefaultTrainingConfig djlConfig = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(sgd)
                    .optInitializer(new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN,
                            XavierInitializer.FactorType.IN, 2), Parameter.Type.WEIGHT);
            int[] chw = train.imageShape();
            long start = System.nanoTime();
            try (Trainer trainer = model.newTrainer(djlConfig)) {
                trainer.initialize(new Shape(config.batchSize(), chw[0], chw[1], chw[2]));
                SplittableRandom random = new SplittableRandom(config.seed() + DATA_STREAM);
                for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                    double loss = runEpoch(trainer, train, normalization, config, schedule, epoch, random,
                            progress);
                    long epochEnd = System.nanoTime();
                    double acc = monitor == null ? Double.NaN
                            : ReferenceForward.accuracy(block, model.getNDManager(), normalization, monitor);
                    progress.epochEnd(epoch, config.epochs(), loss, acc, (epochEnd - start) / 1e9);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double testAccuracy = ReferenceForward.accuracy(block, model.getNDManager(), normalization, test);
            ModelProvenance provenance = new ModelProvenance(config.model().id(), config.dataset().id(), chw,
                    train.classes(), normalization, config.seed(), config.epochs(), config.batchSize(),
                    config.optimizerDescription(), config.augmentation().toString()
                            + (config.trainLimit() > 0 ? ", first " + train.size() + " training images" : ""),
                    testAccuracy, test.size(), seconds, CodeVersion.current().toString(),
                    Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), command, "");
            TrainedModel trained = new TrainedModel(model, block, provenance);
            done = true;
            return trained;
        } finally {
            if (!done) {
                model.close();
            }
        }
    }

    /** One pass over {@code train} in a seeded order; returns the mean training loss. */
    private static double runEpoch(Trainer trainer, ImageSet train, Normalization normalization,
                                   TrainingConfig config, WarmupCosineSchedule schedule, int epoch,
                                   SplittableRandom random, TrainingProgress progress) {
        int n = train.size();
        int[] order = permutation(n, random);
        int bytes = train.imageBytes();
        int hw = train.height() * train.width();
        byte[] raw = new byte[bytes];
        byte[] augmented = new byte[bytes];
        int batches = (n + config.batchSize() - 1) / config.batchSize();
        double lossSum = 0;
        long images = 0;
        long start = System.nanoTime();
        for (int b = 0; b < batches; b++) {
            int first = b * config.batchSize();
            int size = Math.min(config.batchSize(), n - first);
            float[] x = new float[size * bytes];
            float[] y = new float[size];
            for (int i = 0; i < size; i++) {
                int image = order[first + i];
                train.copyImage(image, raw, 0);
                byte[] src = raw;
                if (config.augmentation().enabled()) {
                    config.augmentation().apply(raw, augmented, train.channels(), train.height(), train.width(),
                            random);
                    src = augmented;
                }
                for (int j = 0; j < bytes; j++) {
                    x[i * bytes + j] = normalization.normalize(j / hw, src[j] & 0xff);
                }
                y[i] = train.label(image);
            }
            try (NDManager batch = trainer.getManager().newSubManager()) {
                NDArray data = batch.create(x, new Shape(size, train.channels(), train.height(), train.width()));
                NDArray labels = batch.create(y, new Shape(size));
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDList predictions = trainer.forward(new NDList(data));
                    NDArray loss = trainer.getLoss().evaluate(new NDList(labels), predictions);
                    collector.backward(loss);
                    lossSum += loss.getFloat() * size;
                }
                trainer.step();
            }
            images += size;
            if ((b + 1) % config.progressEvery() == 0 || b + 1 == batches) {
                double seconds = (System.nanoTime() - start) / 1e9;
                int step = (epoch - 1) * batches + b;
                progress.batch(epoch, config.epochs(), b + 1, batches, lossSum / images,
                        schedule.getNewValue(step), images / seconds);
            }
        }
        return lossSum / Math.max(1, images);
    }

    private static int[] permutation(int n, SplittableRandom random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
