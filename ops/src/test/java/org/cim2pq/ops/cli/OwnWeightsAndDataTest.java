package org.cim2pq.ops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cim2pq.ops.cli.AuditCommandsTest.Out;
import org.cim2pq.ops.setup.FashionMnistInstall;
import org.cim2pq.sim.models.TrainedModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bring your own weights and data: {@code search --weights FILE --dataset-dir DIR} with a weights file written by
 * {@code cim2pq train} (here the shipped LeNet-5's, which train wrote) and Fashion-MNIST in another folder gives
 * the same front as the shipped defaults, records both in the journal, and resumes from them; weights of another
 * network are refused before anything is journaled.
 */
class OwnWeightsAndDataTest {

    @Test
    void searchTakesAWeightsFileAndADatasetFolderAndRecordsThem(@TempDir Path tmp) throws Exception {
        Path weights = copyShipped("lenet5-fashion-mnist", tmp.resolve("weights"));
        Path images = Files.createDirectories(tmp.resolve("images"));
        for (String f : java.util.List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")) {
            Files.createSymbolicLink(images.resolve(f), FashionMnistInstall.DEBIAN_DIR.resolve(f));
        }
        Path data = tmp.resolve("data");
        Out shipped = AuditCommandsTest.run(SearchCommandTest.args(data, "--id", "shipped"));
        assertEquals(0, shipped.exit(), shipped.err());
        Out own = AuditCommandsTest.run(SearchCommandTest.args(data, "--id", "own", "--weights", weights.toString(),
                "--dataset-dir", images.toString()));
        assertEquals(0, own.exit(), own.err());
        assertEquals(Files.readString(data.resolve("shipped/front.csv")), Files.readString(data.resolve("own/front.csv")),
                "the same weights and images give the same front");

        Out history = AuditCommandsTest.run("history", "--id", "own", "--format", "jsonl", "--data-dir", data.toString());
        String first = history.out().lines().findFirst().orElseThrow();
        assertTrue(first.contains("weights") && first.contains(weights.toAbsolutePath().toString().replace("/", "\\\\/"))
                || first.contains(weights.toAbsolutePath().toString()), first);
        assertTrue(first.contains(images.toAbsolutePath().toString()) || first.contains(images.toAbsolutePath()
                .toString().replace("/", "\\\\/")), first);

        Files.delete(data.resolve("own/front.csv"));
        Out resumed = AuditCommandsTest.run("resume", "--id", "own", "--data-dir", data.toString());
        assertEquals(0, resumed.exit(), resumed.err());
        assertEquals(Files.readString(data.resolve("shipped/front.csv")), Files.readString(data.resolve("own/front.csv")));
    }

    @Test
    void weightsOfAnotherNetworkAreRefusedBeforeAnythingIsJournaled(@TempDir Path tmp) throws Exception {
        Path weights = copyShipped("resnet8-fashion-mnist", tmp.resolve("weights"));
        Path data = tmp.resolve("data");
        Out r = AuditCommandsTest.run(SearchCommandTest.args(data, "--id", "wrong", "--weights", weights.toString()));
        assertEquals(1, r.exit(), r.err());
        assertEquals("cim2pq search: --weights " + weights.toAbsolutePath() + " holds resnet8 trained on fashion-mnist,"
                + " not --model lenet5 on --dataset fashion-mnist", r.err().strip());
        assertFalse(Files.exists(data.resolve("journal")), "nothing journaled");
        Out missing = AuditCommandsTest.run(SearchCommandTest.args(data, "--weights", tmp.resolve("nope.params").toString()));
        assertEquals(1, missing.exit());
        assertTrue(missing.err().startsWith("cim2pq search: --weights " + tmp.resolve("nope.params").toAbsolutePath()
                + ": no such file"), missing.err());
    }

    /** The shipped weights and provenance of {@code stem}, as files (what cim2pq train wrote for them). */
    static Path copyShipped(String stem, Path dir) throws Exception {
        Files.createDirectories(dir);
        for (String suffix : new String[] {TrainedModels.PARAMS_SUFFIX, TrainedModels.PROVENANCE_SUFFIX}) {
            try (InputStream in = TrainedModels.class.getResourceAsStream(TrainedModels.RESOURCE_DIR + stem + suffix)) {
                Files.copy(in, dir.resolve(stem + suffix));
            }
        }
        return dir.resolve(stem + TrainedModels.PARAMS_SUFFIX);
    }
}
