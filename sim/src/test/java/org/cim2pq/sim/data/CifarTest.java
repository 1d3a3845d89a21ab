package org.cim2pq.sim.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CifarTest {

    /** A record whose pixel j of channel c is (c * 50 + j + seed) mod 256, with the given label bytes. */
    private static byte[] record(int[] labelBytes, int seed) {
        byte[] r = new byte[labelBytes.length + Cifar.IMAGE_BYTES];
        for (int i = 0; i < labelBytes.length; i++) {
            r[i] = (byte) labelBytes[i];
        }
        for (int c = 0; c < 3; c++) {
            for (int j = 0; j < 1024; j++) {
                r[labelBytes.length + c * 1024 + j] = (byte) (c * 50 + j + seed);
            }
        }
        return r;
    }

    private static void write(Path file, byte[]... records) throws IOException {
        Files.createDirectories(file.getParent());
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] r : records) {
            out.write(r);
        }
        Files.write(file, out.toByteArray());
    }

    @Test
    void readsCifar10BatchesInOrderAsChw(@TempDir Path dir) throws IOException {
        Path folder = dir.resolve("cifar-10-batches-bin");
        for (int b = 1; b <= 5; b++) {
            write(folder.resolve("data_batch_" + b + ".bin"), record(new int[] {b}, b), record(new int[] {9}, 100));
        }
        write(folder.resolve("test_batch.bin"), record(new int[] {3}, 7));
        ImageSet train = Cifar.CIFAR10.train(dir); // the parent folder works too
        assertEquals(10, train.size());
        assertEquals(10, train.classes());
        assertEquals(2, train.label(2)); // first record of data_batch_2
        assertEquals(9, train.label(3));
        // channel 1 (green), pixel 5 of the first image of batch 1: (1*50 + 5 + 1) mod 256
        assertEquals(56, train.pixel(0, 1024 + 5));
        ImageSet test = Cifar.CIFAR10.test(folder);
        assertEquals(1, test.size());
        assertEquals(3, test.label(0));
        assertEquals(7, test.pixel(0, 0));
    }

    @Test
    void cifar100UsesTheFineLabel(@TempDir Path dir) throws IOException {
        write(dir.resolve("train.bin"), record(new int[] {4, 77}, 0), record(new int[] {19, 99}, 1));
        write(dir.resolve("test.bin"), record(new int[] {0, 42}, 2));
        ImageSet train = Cifar.CIFAR100.train(dir);
        assertEquals(100, train.classes());
        assertEquals(77, train.label(0));
        assertEquals(99, train.label(1));
        assertEquals(1, train.pixel(1, 0));
        assertEquals(42, Cifar.CIFAR100.test(dir).label(0));
    }

    @Test
    void truncatedFileAndBadLabelAreNamed(@TempDir Path dir) throws IOException {
        byte[] r = record(new int[] {1, 2}, 0);
        write(dir.resolve("train.bin"), r, java.util.Arrays.copyOf(r, 1000));
        write(dir.resolve("test.bin"), r);
        DatasetException truncated = assertThrows(DatasetException.class, () -> Cifar.CIFAR100.train(dir));
        assertTrue(truncated.getMessage().contains("train.bin") && truncated.getMessage().contains("truncated"),
                truncated.getMessage());

        write(dir.resolve("test.bin"), record(new int[] {1, 100}, 0));
        DatasetException label = assertThrows(DatasetException.class, () -> Cifar.CIFAR100.test(dir));
        assertTrue(label.getMessage().contains("label 100"), label.getMessage());
    }

    @Test
    void missingFolderSaysWhatToSupply(@TempDir Path dir) {
        DatasetException e = assertThrows(DatasetException.class, () -> Cifar.CIFAR10.test(dir));
        assertTrue(e.getMessage().contains("test_batch.bin"), e.getMessage());
        DatasetException noDefault = assertThrows(DatasetException.class,
                () -> DatasetCatalog.CIFAR10.train(null));
        assertTrue(noDefault.getMessage().contains("--dataset-dir"), noDefault.getMessage());
    }
}
