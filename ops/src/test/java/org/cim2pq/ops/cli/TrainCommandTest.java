package org.cim2pq.ops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.cim2pq.sim.models.TrainedModel;
import org.cim2pq.sim.models.TrainedModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cim2pq train}: bad input is one line with exit 1 and writes nothing; a tiny real run writes both files. */
class TrainCommandTest {

    private static CommandLineContractTest.Run run(String... args) {
        return CommandLineContractTest.run(args);
    }

    @Test
    void unknownModelAndDatasetAreOneLine(@TempDir Path tmp) {
        CommandLineContractTest.Run model = run("train", "--model", "vgg16", "--dataset", "fashion-mnist",
                "--epochs", "1", "--seed", "1", "--out", tmp.resolve("m.params").toString());
        assertEquals(1, model.exit());
        assertEquals("cim2pq train: unknown model 'vgg16' (known: lenet5, resnet8, resnet20, resnet18)",
                model.err().strip());
        CommandLineContractTest.Run dataset = run("train", "--model", "resnet8", "--dataset", "mnist",
                "--epochs", "1", "--seed", "1", "--out", tmp.resolve("m.params").toString());
        assertEquals(1, dataset.exit());
        assertTrue(dataset.err().startsWith("cim2pq train: unknown dataset 'mnist'"), dataset.err());
        assertEquals(1, dataset.err().lines().count());
        try (var files = Files.list(tmp)) {
            assertEquals(0, files.count(), "nothing written");
        }
        catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void missingDataIsOneLineNamingTheFix(@TempDir Path tmp) {
        CommandLineContractTest.Run r = run("train", "--model", "lenet5", "--dataset", "fashion-mnist",
                "--epochs", "1", "--seed", "1", "--out", tmp.resolve("m.params").toString(),
                "--dataset-dir", tmp.resolve("nothing-here").toString());
        assertEquals(1, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("apt-get install -y dataset-fashion-mnist"), r.err());
        CommandLineContractTest.Run cifar = run("train", "--model", "lenet5", "--dataset", "cifar10",
                "--epochs", "1", "--seed", "1", "--out", tmp.resolve("m.params").toString());
        assertEquals(1, cifar.exit());
        assertTrue(cifar.err().contains("--dataset-dir"), cifar.err());
    }

    @Test
    void anUnwritableOutIsRefusedBeforeTheFirstEpoch() {
        CommandLineContractTest.Run r = run("train", "--model", "lenet5", "--dataset", "fashion-mnist",
                "--epochs", "1", "--seed", "1", "--out", "/proc/x.params");
        assertEquals(1, r.exit(), r.out() + r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("cim2pq train: cannot write /proc/x.params ("), r.err());
        assertTrue(r.err().strip().endsWith("); nothing was trained"), r.err());
        assertFalse(r.out().contains("epoch"), "trained before failing:\n" + r.out());
    }

    @Test
    void missingRequiredOptionIsAUsageError() {
        CommandLineContractTest.Run r = run("train", "--model", "lenet5");
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("cim2pq: Missing required options"), r.err());
    }

    @Test
    void tinyCifar10RunWritesWeightsAndProvenance(@TempDir Path tmp) throws IOException {
        Path data = tmp.resolve("cifar");
        Files.createDirectories(data);
        for (String f : new String[] {"data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin",
                "data_batch_5.bin", "test_batch.bin"}) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (int i = 0; i < 8; i++) {
                bytes.write(i % 10);
                byte[] image = new byte[3072];
                java.util.Arrays.fill(image, (byte) (i * 30));
                bytes.write(image);
            }
            Files.write(data.resolve(f), bytes.toByteArray());
        }
        Path out = tmp.resolve("lenet5-cifar10.params");
        CommandLineContractTest.Run r = run("train", "--model", "lenet5", "--dataset", "cifar10", "--epochs", "1",
                "--seed", "5", "--out", out.toString(), "--dataset-dir", data.toString(), "--batch-size", "16");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("epoch 1/1 done"), r.out());
        assertTrue(r.out().contains("test accuracy"), r.out());
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(TrainedModels.provenanceFile(out))) {
            p.load(in);
        }
        assertEquals("cim2pq train --model lenet5 --dataset cifar10 --epochs 1 --seed 5 --out " + out
                + " --batch-size 16 --augmentation standard --dataset-dir " + data, p.getProperty("command"));
        assertEquals("8", p.getProperty("test.images"));
        try (TrainedModel m = TrainedModels.load(out)) {
            assertEquals("cifar10", m.provenance().dataset());
            assertFalse(m.fold().weightLayers().isEmpty());
        }
    }
}
