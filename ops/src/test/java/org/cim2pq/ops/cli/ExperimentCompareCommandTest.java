package org.cim2pq.ops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cim2pq.ops.cli.CommandLineContractTest.Run;
import org.cim2pq.ops.experiment.Variant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cim2pq experiment compare} end to end: the {@code --quick} LeNet-5 comparison on Fashion-MNIST writes the
 * table and the plots, a rerun with more seeds reads the finished searches from the journal and runs only the new
 * ones, a rerun of a finished experiment evaluates nothing; bad input is one line, exit 1, journal untouched; and the
 * same on a tiny CIFAR-10 set in the binary format, trained by {@code train} first.
 */
class ExperimentCompareCommandTest {

    private static final String[] QUICK = {"experiment", "compare", "--quick", "--pipelines", "1"};

    private static Run compare(Path data, String... more) {
        List<String> a = new ArrayList<>(List.of(QUICK));
        a.addAll(List.of("--data-dir", data.toString()));
        a.addAll(List.of(more));
        return CommandLineContractTest.run(a.toArray(String[]::new));
    }

    @Test
    void quickComparisonWritesTableAndPlotsAndARerunReadsTheJournal(@TempDir Path data) throws Exception {
        Path out = data.resolve("quick");
        Run one = compare(data, "--seeds", "1", "--out", out.toString());
        assertEquals(0, one.exit(), one.err());
        assertEquals(1 + Variant.values().length, Files.readAllLines(out.resolve("runs.csv")).size(), "4 runs and the header");

        Run two = compare(data, "--out", out.toString());
        assertEquals(0, two.exit(), two.err());
        String csv = Files.readString(out.resolve("results.csv"));
        List<String> rows = csv.lines().toList();
        assertEquals(1 + Variant.values().length, rows.size(), csv);
        for (Variant v : Variant.values()) {
            assertTrue(rows.stream().anyMatch(r -> r.startsWith(v.key() + "," + v.granularity() + "," + v.selection()
                    + ",2,")), v + " in " + csv);
        }
        List<String> runs = Files.readAllLines(out.resolve("runs.csv"));
        assertEquals(1 + 2 * Variant.values().length, runs.size(), runs.toString());
        assertTrue(runs.stream().skip(1).allMatch(r -> r.split(",")[3].equals("8")), "8 evaluations each: " + runs);
        String md = Files.readString(out.resolve("results.md"));
        assertTrue(md.contains("| " + Variant.CIM2PQ.label() + " |"), md);
        assertTrue(md.contains("FP accuracy on the held-out images: "), md);
        assertTrue(md.contains("300 held-out test images"), md);
        assertTrue(md.contains("within noise") || md.contains("higher") || md.contains("lower") || md.contains("equal"), md);
        for (String png : List.of("fronts.png", "hypervolume.png")) {
            byte[] bytes = Files.readAllBytes(out.resolve(png));
            assertTrue(bytes.length > 1000 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G', png);
        }
        for (Variant v : Variant.values()) {
            for (int seed = 1; seed <= 2; seed++) {
                assertTrue(Files.isRegularFile(data.resolve("quick-" + v.key() + "-s" + seed).resolve("front.csv")));
            }
        }

        String events = events(data, "quick-array-qnsga3-s2");
        String runsBefore = Files.readString(out.resolve("runs.csv"));
        Run again = compare(data, "--out", out.toString());
        assertEquals(0, again.exit(), again.err());
        assertEquals(events, events(data, "quick-array-qnsga3-s2"), "a rerun wrote to a finished search");
        assertEquals(csv, Files.readString(out.resolve("results.csv")));
        assertEquals(runsBefore, Files.readString(out.resolve("runs.csv")));

        // another budget under the same name: refused before anything runs, journal as it was
        Run other = compare(data, "--out", out.toString(), "--budget", "12");
        assertEquals(1, other.exit());
        assertEquals(1, other.err().lines().count(), other.err());
        assertTrue(other.err().startsWith("cim2pq experiment compare: search 'quick-array-qnsga3-s1' of this experiment"
                + " exists with another configuration"), other.err());
        assertEquals(events, events(data, "quick-array-qnsga3-s2"));
    }

    @Test
    void badInputIsOneLineAndCreatesNoJournal(@TempDir Path data) {
        String[][] cases = {
            {"--model", "vgg99"},
            {"--seeds", "0"},
            {"--budget", "7"},
            {"--held-out", "none"},
            {"--population", "1"},
        };
        String[] expected = {"unknown --model 'vgg99'", "--seeds must be in 1..100, got 0",
            "--budget 7 is less than the initial population and one generation", "--held-out none",
            "--population must be >= 2"};
        for (int i = 0; i < cases.length; i++) {
            Run r = compare(data, cases[i]);
            assertEquals(1, r.exit(), String.join(" ", cases[i]) + ": " + r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().startsWith("cim2pq experiment compare: " + expected[i]), r.err());
        }
        assertFalse(Files.exists(data.resolve("journal")), "bad input created a journal");
    }

    @Test
    void tinyCifar10IsTrainedThenCompared(@TempDir Path tmp) throws IOException {
        Path cifar = tmp.resolve("cifar");
        Files.createDirectories(cifar);
        for (int b = 1; b <= 5; b++) {
            Files.write(cifar.resolve("data_batch_" + b + ".bin"), cifarBatch(16, b));
        }
        Files.write(cifar.resolve("test_batch.bin"), cifarBatch(520, 0));
        Path weights = tmp.resolve("lenet5-cifar10.params");
        Run train = CommandLineContractTest.run("train", "--model", "lenet5", "--dataset", "cifar10", "--epochs", "1",
                "--seed", "5", "--out", weights.toString(), "--dataset-dir", cifar.toString(), "--batch-size", "16");
        assertEquals(0, train.exit(), train.err());

        Path data = tmp.resolve("data");
        Run r = compare(data, "--dataset", "cifar10", "--dataset-dir", cifar.toString(), "--weights", weights.toString(),
                "--seeds", "1");
        assertEquals(0, r.exit(), r.err());
        Path out = data.resolve("experiment-lenet5-cifar10-quick");
        assertEquals(1 + Variant.values().length, Files.readAllLines(out.resolve("results.csv")).size());
        String md = Files.readString(out.resolve("results.md"));
        assertTrue(md.contains("cifar10 from " + cifar), md);
        assertTrue(md.contains("weights " + weights), md);
        assertTrue(Files.size(out.resolve("fronts.png")) > 1000);
    }

    /** {@code n} CIFAR binary records (label byte, 3072 pixel bytes): a class-dependent pattern with seeded noise. */
    private static byte[] cifarBatch(int n, int batch) {
        java.util.Random random = new java.util.Random(batch);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < n; i++) {
            int label = (i + batch) % 10;
            bytes.write(label);
            byte[] image = new byte[3072];
            for (int p = 0; p < image.length; p++) {
                image[p] = (byte) (((p / 32 + label * 3) % 10) * 20 + random.nextInt(40));
            }
            bytes.writeBytes(image);
        }
        return bytes.toByteArray();
    }

    /** The search's journaled events as {@code history --format jsonl} prints them. */
    private static String events(Path data, String id) {
        AuditCommandsTest.Out history = AuditCommandsTest.run("history", "--id", id, "--format", "jsonl",
                "--data-dir", data.toString());
        assertEquals(0, history.exit(), history.err());
        return history.out();
    }
}
