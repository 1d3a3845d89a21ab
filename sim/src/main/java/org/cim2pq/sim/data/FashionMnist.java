package org.cim2pq.sim.data;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fashion-MNIST (Xiao, Rasul, Vollgraf 2017; MIT licence) from the files of the Debian package
 * {@code dataset-fashion-mnist}: 60,000 training and 10,000 test images, 1x28x28, 10 classes.
 */
public final class FashionMnist {

    /** Where the Debian package installs the files. */
    public static final Path DEFAULT_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    public static final String NAME = "fashion-mnist";
    public static final int TRAIN_SIZE = 60_000;
    public static final int TEST_SIZE = 10_000;
    public static final int SIDE = 28;
    public static final int CLASSES = 10;

    private static final String INSTALL = "apt-get install -y dataset-fashion-mnist";

    private FashionMnist() {
    }

    /** The training split from {@code dir}. */
    public static ImageSet train(Path dir) {
        return read(dir, "train", TRAIN_SIZE);
    }

    /** The test split from {@code dir}. */
    public static ImageSet test(Path dir) {
        return read(dir, "t10k", TEST_SIZE);
    }

    private static ImageSet read(Path dir, String prefix, int expectedCount) {
        Path images = dir.resolve(prefix + "-images-idx3-ubyte.gz");
        Path labels = dir.resolve(prefix + "-labels-idx1-ubyte.gz");
        for (Path p : new Path[] {images, labels}) {
            if (!Files.isRegularFile(p)) {
                throw new DatasetException("Fashion-MNIST not found: missing " + p + " (install it with `"
                        + INSTALL + "` or pass the folder that holds it)");
            }
        }
        IdxFile.Contents img = IdxFile.read(images, 3);
        IdxFile.Contents lab = IdxFile.read(labels, 1);
        if (img.dims()[0] != expectedCount || img.dims()[1] != SIDE || img.dims()[2] != SIDE) {
            throw new DatasetException(images + ": expected " + expectedCount + " images of " + SIDE + "x" + SIDE
                    + ", header says " + img.dims()[0] + " of " + img.dims()[1] + "x" + img.dims()[2]);
        }
        if (lab.dims()[0] != expectedCount) {
            throw new DatasetException(labels + ": expected " + expectedCount + " labels, header says "
                    + lab.dims()[0]);
        }
        int[] l = new int[expectedCount];
        for (int i = 0; i < expectedCount; i++) {
            l[i] = lab.data()[i] & 0xff;
            if (l[i] >= CLASSES) {
                throw new DatasetException(labels + ": label " + l[i] + " at index " + i + " is not a class 0..9");
            }
        }
        String split = prefix.equals("t10k") ? "test" : "train";
        return ImageSet.adopt(NAME + "/" + split, 1, SIDE, SIDE, CLASSES, img.data(), l);
    }
}
