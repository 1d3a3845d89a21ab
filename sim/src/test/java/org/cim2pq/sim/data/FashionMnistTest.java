package org.cim2pq.sim.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class FashionMnistTest {

    @Test
    void readsTheDebianTestSplit() {
        assumeTrue(Files.isDirectory(FashionMnist.DEFAULT_DIR), "dataset-fashion-mnist is not installed");
        ImageSet test = FashionMnist.test(FashionMnist.DEFAULT_DIR);
        assertEquals(10_000, test.size());
        assertEquals(1, test.channels());
        assertEquals(28, test.height());
        int[] perClass = new int[10];
        for (int label : test.labels()) {
            perClass[label]++;
        }
        for (int c = 0; c < 10; c++) {
            assertEquals(1_000, perClass[c], "Fashion-MNIST's test split is balanced");
        }
        // Images are not blank and use the byte range (catches reading from the wrong offset: headers are small).
        int max = 0;
        long sum = 0;
        for (int i = 0; i < test.imageBytes(); i++) {
            max = Math.max(max, test.pixel(0, i));
            sum += test.pixel(0, i);
        }
        assertTrue(max > 200 && sum > 0);
        assertEquals(0, test.pixel(0, 0), "the top-left corner of a Fashion-MNIST image is background");
    }

    @Test
    void missingFolderNamesTheInstallCommand(@TempDir Path dir) {
        DatasetException e = assertThrows(DatasetException.class, () -> FashionMnist.train(dir.resolve("none")));
        assertTrue(e.getMessage().contains("apt-get install -y dataset-fashion-mnist"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void truncatedGzipIsACleanError(@TempDir Path dir) throws IOException {
        writeIdx(dir.resolve("t10k-images-idx3-ubyte.gz"), 0x00000803, new int[] {10_000, 28, 28}, 10_000 * 784);
        writeIdx(dir.resolve("t10k-labels-idx1-ubyte.gz"), 0x00000801, new int[] {10_000}, 10_000);
        byte[] full = Files.readAllBytes(dir.resolve("t10k-images-idx3-ubyte.gz"));
        Files.write(dir.resolve("t10k-images-idx3-ubyte.gz"), java.util.Arrays.copyOf(full, full.length / 2));
        DatasetException e = assertThrows(DatasetException.class, () -> FashionMnist.test(dir));
        assertTrue(e.getMessage().contains("t10k-images-idx3-ubyte.gz") && e.getMessage().contains("truncated"),
                e.getMessage());
    }

    @Test
    void payloadShorterThanTheHeaderSaysIsTruncated(@TempDir Path dir) throws IOException {
        writeIdx(dir.resolve("t10k-images-idx3-ubyte.gz"), 0x00000803, new int[] {10_000, 28, 28}, 500 * 784);
        writeIdx(dir.resolve("t10k-labels-idx1-ubyte.gz"), 0x00000801, new int[] {10_000}, 10_000);
        DatasetException e = assertThrows(DatasetException.class, () -> FashionMnist.test(dir));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void wrongMagicAndWrongCountsAreNamed(@TempDir Path dir) throws IOException {
        writeIdx(dir.resolve("t10k-images-idx3-ubyte.gz"), 0x00000801, new int[] {10_000, 28, 28}, 0);
        writeIdx(dir.resolve("t10k-labels-idx1-ubyte.gz"), 0x00000801, new int[] {10_000}, 10_000);
        DatasetException magic = assertThrows(DatasetException.class, () -> FashionMnist.test(dir));
        assertTrue(magic.getMessage().contains("magic"), magic.getMessage());

        writeIdx(dir.resolve("t10k-images-idx3-ubyte.gz"), 0x00000803, new int[] {20, 28, 28}, 20 * 784);
        DatasetException count = assertThrows(DatasetException.class, () -> FashionMnist.test(dir));
        assertTrue(count.getMessage().contains("expected 10000 images"), count.getMessage());

        writeIdx(dir.resolve("t10k-images-idx3-ubyte.gz"), 0x00000803, new int[] {10_000, 32, 32}, 10_000 * 1024);
        DatasetException size = assertThrows(DatasetException.class, () -> FashionMnist.test(dir));
        assertTrue(size.getMessage().contains("28x28"), size.getMessage());
    }

    /** An IDX file with {@code payload} zero bytes (header as given), gzip'd. */
    static void writeIdx(Path file, int magic, int[] dims, int payload) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(magic);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(new byte[payload]);
        }
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(bytes.toByteArray());
        }
    }
}
