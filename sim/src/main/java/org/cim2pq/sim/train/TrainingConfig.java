package org.cim2pq.sim.train;

import org.cim2pq.sim.data.DatasetCatalog;
import org.cim2pq.sim.network.Architecture;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * What to train and how. Build with {@link #builder()}: {@code setModel}, {@code setDataset}, {@code setEpochs},
 * {@code setSeed} are required; the rest have the defaults below.
 *
 * <p>Defaults: batch 128; SGD, momentum 0.9, weight decay 5e-4, learning rate 0.05 with one epoch of linear
 * warm-up then cosine decay to 0 (per step); standard augmentation (crop with padding 2 on 28x28 / 4 on 32x32 and
 * horizontal flips); monitoring on 1,000 seeded test images after each epoch (printed only; training never looks
 * at it to choose anything).
 *
 * @param dataDir the data set folder, or null for the data set's default
 * @param trainLimit use only the first {@code trainLimit} training images (0 = all); for tests and quick runs
 * @param testLimit measure the final accuracy on the first {@code testLimit} test images (0 = all 10k)
 */
public record TrainingConfig(Architecture model, DatasetCatalog dataset, int epochs, long seed, int batchSize,
                             float learningRate, float momentum, float weightDecay, Augmentation augmentation,
                             Path dataDir, int trainLimit, int testLimit, int monitorImages, int progressEvery) {

    public TrainingConfig {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(augmentation, "augmentation");
        if (epochs <= 0) {
            throw new IllegalArgumentException("epochs must be positive, got " + epochs);
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
        }
        if (trainLimit < 0 || testLimit < 0 || monitorImages < 0 || progressEvery <= 0) {
            throw new IllegalArgumentException("limits must be >= 0 and progressEvery > 0");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code sgd(lr=0.05, momentum=0.9, wd=5e-4), warmup 1 epoch + cosine} for the provenance. */
    public String optimizerDescription() {
        return String.format(Locale.ROOT, "sgd(lr=%s, momentum=%s, weight-decay=%s), linear warm-up 1 epoch then "
                + "cosine to 0 per step", learningRate, momentum, weightDecay);
    }

    /** Builder in DJL style: {@code setX} for required values, {@code optX} for optional ones. */
    public static final class Builder {
        private Architecture model;
        private DatasetCatalog dataset;
        private Integer epochs;
        private Long seed;
        private int batchSize = 128;
        private float learningRate = 0.05f;
        private float momentum = 0.9f;
        private float weightDecay = 5e-4f;
        private Augmentation augmentation;
        private Path dataDir;
        private int trainLimit;
        private int testLimit;
        private int monitorImages = 1_000;
        private int progressEvery = 50;

        private Builder() {
        }

        public Builder setModel(Architecture model) {
            this.model = model;
            return this;
        }

        public Builder setDataset(DatasetCatalog dataset) {
            this.dataset = dataset;
            return this;
        }

        public Builder setEpochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        public Builder setSeed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder optBatchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        public Builder optLearningRate(float learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        public Builder optMomentum(float momentum) {
            this.momentum = momentum;
            return this;
        }

        public Builder optWeightDecay(float weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        public Builder optAugmentation(Augmentation augmentation) {
            this.augmentation = augmentation;
            return this;
        }

        public Builder optDataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        public Builder optTrainLimit(int trainLimit) {
            this.trainLimit = trainLimit;
            return this;
        }

        public Builder optTestLimit(int testLimit) {
            this.testLimit = testLimit;
            return this;
        }

        public Builder optMonitorImages(int monitorImages) {
            this.monitorImages = monitorImages;
            return this;
        }

        public Builder optProgressEvery(int progressEvery) {
            this.progressEvery = progressEvery;
            return this;
        }

        public TrainingConfig build() {
            if (model == null || dataset == null || epochs == null || seed == null) {
                throw new IllegalStateException("model, dataset, epochs and seed are required");
            }
            Augmentation aug = augmentation != null ? augmentation
                    : Augmentation.standard(dataset.imageShape()[2]);
            return new TrainingConfig(model, dataset, epochs, seed, batchSize, learningRate, momentum, weightDecay,
                    aug, dataDir, trainLimit, testLimit, monitorImages, progressEvery);
        }
    }
}
