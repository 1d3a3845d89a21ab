package org.cim2pq.sim.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The data sets cim2pq knows by name, with their default folder and normalisation: {@code fashion-mnist},
 * {@code cifar10}, {@code cifar100}.
 */
public enum DatasetCatalog {
    FASHION_MNIST(FashionMnist.NAME, FashionMnist.DEFAULT_DIR, 10, new int[] {1, 28, 28},
            Normalization.FASHION_MNIST) {
        @Override
        public ImageSet train(Path dir) {
            return FashionMnist.train(requireDir(dir));
        }

        @Override
        public ImageSet test(Path dir) {
            return FashionMnist.test(requireDir(dir));
        }
    },
    CIFAR10(Cifar.CIFAR10.datasetName(), null, 10, new int[] {3, 32, 32}, Cifar.CIFAR10.normalization()) {
        @Override
        public ImageSet train(Path dir) {
            return Cifar.CIFAR10.train(requireDir(dir));
        }

        @Override
        public ImageSet test(Path dir) {
            return Cifar.CIFAR10.test(requireDir(dir));
        }
    },
    CIFAR100(Cifar.CIFAR100.datasetName(), null, 100, new int[] {3, 32, 32}, Cifar.CIFAR100.normalization()) {
        @Override
        public ImageSet train(Path dir) {
            return Cifar.CIFAR100.train(requireDir(dir));
        }

        @Override
        public ImageSet test(Path dir) {
            return Cifar.CIFAR100.test(requireDir(dir));
        }
    };

    private final String id;
    private final Path defaultDir;
    private final int classes;
    private final int[] imageShape;
    private final Normalization normalization;

    DatasetCatalog(String id, Path defaultDir, int classes, int[] imageShape, Normalization normalization) {
        this.id = id;
        this.defaultDir = defaultDir;
        this.classes = classes;
        this.imageShape = imageShape;
        this.normalization = normalization;
    }

    /** The data set called {@code id} (case-insensitive), or a one-line error listing the known ones. */
    public static DatasetCatalog byId(String id) {
        for (DatasetCatalog d : values()) {
            if (d.id.equalsIgnoreCase(id.trim())) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown dataset '" + id + "' (known: " + String.join(", ", ids()) + ")");
    }

    public static List<String> ids() {
        return java.util.Arrays.stream(values()).map(d -> d.id).toList();
    }

    public String id() {
        return id;
    }

    /** The folder used when none is given; CIFAR has none (the user supplies it). */
    public Path defaultDir() {
        return defaultDir;
    }

    public int classes() {
        return classes;
    }

    public int[] imageShape() {
        return imageShape.clone();
    }

    public Normalization normalization() {
        return normalization;
    }

    public abstract ImageSet train(Path dir);

    public abstract ImageSet test(Path dir);

    /** {@code dir} or, when null, the default folder. */
    public Path resolveDir(Path dir) {
        return dir != null ? dir : requireDir(null);
    }

    Path requireDir(Path dir) {
        if (dir != null) {
            return dir;
        }
        if (defaultDir == null) {
            throw new DatasetException(id.toUpperCase(Locale.ROOT) + " has no default folder: pass the folder "
                    + "holding its binary files (--dataset-dir)");
        }
        return defaultDir;
    }
}
