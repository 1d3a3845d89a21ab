package org.cim2pq.sim.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CIFAR-10 and CIFAR-100 in their "binary version" (Krizhevsky 2009), from a folder the user supplies (no package
 * ships them here). Each record is the label byte(s) followed by 3072 bytes: 1024 red, 1024 green, 1024 blue,
 * each 32x32 row-major, which is already CHW.
 *
 * <ul>
 *   <li>CIFAR-10: {@code data_batch_1.bin .. data_batch_5.bin} (train), {@code test_batch.bin}; records of
 *       1 + 3072 bytes.</li>
 *   <li>CIFAR-100: {@code train.bin}, {@code test.bin}; records of 2 + 3072 bytes (coarse label, fine label). The
 *       100 fine labels are used.</li>
 * </ul>
 * The folder may be the one holding the files or its parent (the archives unpack into
 * {@code cifar-10-batches-bin} and {@code cifar-100-binary}). The record count is whatever the files hold, so
 * subsets in the same format read too; a file whose length is not a whole number of records is rejected.
 */
public enum Cifar {
    CIFAR10("cifar10", 10, 1, "cifar-10-batches-bin",
            List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin",
                    "data_batch_5.bin"),
            List.of("test_batch.bin"), Normalization.CIFAR10),
    CIFAR100("cifar100", 100, 2, "cifar-100-binary", List.of("train.bin"), List.of("test.bin"),
            Normalization.CIFAR100);

    public static final int SIDE = 32;
    public static final int IMAGE_BYTES = 3 * SIDE * SIDE;

    private final String datasetName;
    private final int classes;
    private final int labelBytes;
    private final String archiveFolder;
    private final List<String> trainFiles;
    private final List<String> testFiles;
    private final Normalization normalization;

    Cifar(String datasetName, int classes, int labelBytes, String archiveFolder, List<String> trainFiles,
          List<String> testFiles, Normalization normalization) {
        this.datasetName = datasetName;
        this.classes = classes;
        this.labelBytes = labelBytes;
        this.archiveFolder = archiveFolder;
        this.trainFiles = trainFiles;
        this.testFiles = testFiles;
        this.normalization = normalization;
    }

    /** {@code cifar10} / {@code cifar100}. */
    public String datasetName() {
        return datasetName;
    }

    public int classes() {
        return classes;
    }

    public Normalization normalization() {
        return normalization;
    }

    /** Bytes per record: label byte(s) plus the image. */
    public int recordBytes() {
        return labelBytes + IMAGE_BYTES;
    }

    /** The file names of the training split, in reading order. */
    public List<String> trainFiles() {
        return trainFiles;
    }

    /** The file names of the test split. */
    public List<String> testFiles() {
        return testFiles;
    }

    public ImageSet train(Path dir) {
        return read(dir, trainFiles, "train");
    }

    public ImageSet test(Path dir) {
        return read(dir, testFiles, "test");
    }

    private ImageSet read(Path dir, List<String> files, String split) {
        Path folder = locate(dir, files);
        List<byte[]> contents = new ArrayList<>();
        long records = 0;
        for (String f : files) {
            Path p = folder.resolve(f);
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(p);
            } catch (IOException e) {
                throw new DatasetException(p + ": cannot read (" + e.getMessage() + ")", e);
            }
            if (bytes.length == 0 || bytes.length % recordBytes() != 0) {
                throw new DatasetException(p + ": " + bytes.length + " bytes is not a whole number of "
                        + recordBytes() + "-byte " + datasetName + " records (truncated or not " + datasetName
                        + " binary)");
            }
            records += bytes.length / recordBytes();
            contents.add(bytes);
        }
        int n = Math.toIntExact(records);
        byte[] pixels = new byte[n * IMAGE_BYTES];
        int[] labels = new int[n];
        int i = 0;
        for (int fi = 0; fi < files.size(); fi++) {
            byte[] bytes = contents.get(fi);
            for (int off = 0; off < bytes.length; off += recordBytes(), i++) {
                int label = bytes[off + labelBytes - 1] & 0xff;
                if (label >= classes) {
                    throw new DatasetException(folder.resolve(files.get(fi)) + ": label " + label + " in record "
                            + (off / recordBytes()) + " is not a " + datasetName + " class (0.." + (classes - 1)
                            + ")");
                }
                labels[i] = label;
                System.arraycopy(bytes, off + labelBytes, pixels, i * IMAGE_BYTES, IMAGE_BYTES);
            }
        }
        return ImageSet.adopt(datasetName + "/" + split, 3, SIDE, SIDE, classes, pixels, labels);
    }

    private Path locate(Path dir, List<String> files) {
        for (Path candidate : new Path[] {dir, dir.resolve(archiveFolder)}) {
            if (files.stream().allMatch(f -> Files.isRegularFile(candidate.resolve(f)))) {
                return candidate;
            }
        }
        throw new DatasetException(datasetName + " not found: " + dir + " (or " + dir.resolve(archiveFolder)
                + ") must hold " + String.join(", ", files) + " from the binary version of the data set");
    }
}
