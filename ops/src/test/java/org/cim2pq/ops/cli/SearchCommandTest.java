package org.cim2pq.ops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cim2pq.ops.cli.CommandLineContractTest.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code cim2pq search} and {@code resume} end to end on the shipped LeNet-5 and Fashion-MNIST, and their
 * refusals: one line, exit 1, nothing written to the journal.
 */
class SearchCommandTest {

    static final String[] SMALL = {"--model", "lenet5", "--dataset", "fashion-mnist", "--seed", "3",
        "--population", "4", "--generations", "1", "--eval-images", "100", "--calibration-images", "64",
        "--pipelines", "1"};

    static String[] args(Path data, String... more) {
        List<String> a = new java.util.ArrayList<>(List.of("search"));
        a.addAll(List.of(SMALL));
        a.addAll(List.of("--data-dir", data.toString()));
        a.addAll(List.of(more));
        if (!a.contains("--held-out")) {
            // the command line's default holds out every other test image: too slow for most tests (HeldOutCommandTest)
            a.addAll(List.of("--held-out", "none"));
        }
        return a.toArray(String[]::new);
    }

    @Test
    void searchWritesTheFrontAndResumeOfACompletedSearchReproducesIt(@TempDir Path data) throws Exception {
        Run first = CommandLineContractTest.run(args(data, "--id", "t1"));
        assertEquals(0, first.exit(), first.err());
        Path front = data.resolve("t1/front.csv");
        List<String> lines = Files.readAllLines(front);
        assertEquals("strategy_id,error,energy_pj,latency_ns,area_um2,tops_per_w,precisions", lines.get(0));
        assertTrue(lines.size() >= 2, lines.toString());
        assertTrue(lines.get(1).matches("g\\d+-\\d+,[0-9.]+,[0-9.e+]+,[0-9.e+]+,[0-9.e+]+,[0-9.e+]+,\\d+/\\d+/\\d+(;\\d+/\\d+/\\d+)*"),
                lines.get(1));
        String before = Files.readString(front);
        Files.delete(front);

        Run resumed = CommandLineContractTest.run("resume", "--id", "t1", "--data-dir", data.toString());
        assertEquals(0, resumed.exit(), resumed.err());
        assertEquals(before, Files.readString(front));
    }

    @Test
    void quotaAndDeltaAreJournaledAndResumeKeepsThem(@TempDir Path data) throws Exception {
        Run first = CommandLineContractTest.run(args(data, "--id", "q", "--quota", "0.5", "--delta", "2"));
        assertEquals(0, first.exit(), first.err());
        AuditCommandsTest.Out history = AuditCommandsTest.run("history", "--id", "q", "--format", "jsonl", "--data-dir",
                data.toString());
        assertEquals(0, history.exit(), history.err());
        String started = history.out().lines().findFirst().orElse("");
        assertTrue(started.contains("\"type\":\"SearchStarted\"") && started.contains("\"quota\":0.5")
                && started.contains("\"accuracyTolerance\":2.0"), started);
        Path front = data.resolve("q/front.csv");
        String before = Files.readString(front);
        Files.delete(front);
        Run resumed = CommandLineContractTest.run("resume", "--id", "q", "--data-dir", data.toString());
        assertEquals(0, resumed.exit(), resumed.err());
        assertEquals(before, Files.readString(front));

        Run other = CommandLineContractTest.run(args(data, "--id", "q", "--quota", "0.3", "--delta", "2"));
        assertEquals(1, other.exit());
        assertTrue(other.err().contains("exists with a different configuration"), other.err());
        Run bad = CommandLineContractTest.run(args(data, "--id", "q2", "--quota", "1.5"));
        assertEquals(1, bad.exit());
        assertEquals("cim2pq search: --quota must be in 0..1, got 1.5", bad.err().strip());
        Run negative = CommandLineContractTest.run(args(data, "--id", "q3", "--delta", "-1"));
        assertEquals(1, negative.exit());
        assertEquals("cim2pq search: --delta must be a number of error points >= 0, got -1.0", negative.err().strip());
    }

    @Test
    void sensitivityPinsAndArraysAreJournaledAndResumeReadsThemBack(@TempDir Path data) throws Exception {
        Run first = CommandLineContractTest.run(args(data, "--id", "s", "--pin-first-last", "--array", "128x64",
                "--encoding", "offset"));
        assertEquals(0, first.exit(), first.err());
        String started = events(data, "s").lines().findFirst().orElse("");
        assertTrue(started.contains("\"tileSensitivity\":[") && started.contains("\"pins\":[")
                && started.contains("\"arrayColumns\":64") && started.contains("\"weightEncoding\":\"offset_column\"")
                && started.contains("pin-first-last\\\":true") && started.contains("sensitivity\\\":true"), started);
        Path front = data.resolve("s/front.csv");
        List<String> rows = Files.readAllLines(front);
        for (String row : rows.subList(1, rows.size())) {
            String[] tiles = row.substring(row.lastIndexOf(',') + 1).split(";");
            assertEquals("8/8/8", tiles[0], row);
            assertEquals("8/8/8", tiles[tiles.length - 1], row);
        }
        String before = Files.readString(front);
        Files.delete(front);
        Run resumed = CommandLineContractTest.run("resume", "--id", "s", "--data-dir", data.toString());
        assertEquals(0, resumed.exit(), resumed.err());
        assertEquals(before, Files.readString(front));
        Run verify = CommandLineContractTest.run("verify", "--id", "s", "--data-dir", data.toString());
        assertEquals(0, verify.exit(), verify.err());

        Run unbiased = CommandLineContractTest.run(args(data, "--id", "s", "--pin-first-last", "--array", "128x64",
                "--encoding", "offset", "--sensitivity=false"));
        assertEquals(1, unbiased.exit());
        assertTrue(unbiased.err().contains("exists with a different configuration"), unbiased.err());
        Run narrow = CommandLineContractTest.run(args(data, "--id", "s2", "--array", "128x3"));
        assertEquals(1, narrow.exit());
        assertEquals(1, narrow.err().strip().lines().count(), narrow.err());
        assertTrue(narrow.err().startsWith("cim2pq search: --array 128x3 --cell-bits 2 --encoding differential: a 3-column"
                + " array cannot hold one output channel at 8 bits"), narrow.err());
        Run encoding = CommandLineContractTest.run(args(data, "--id", "s3", "--encoding", "diagonal"));
        assertEquals(1, encoding.exit());
        assertEquals("cim2pq search: --encoding must be differential or offset, got 'diagonal'", encoding.err().strip());
    }

    @Test
    void unknownModelIsRefusedBeforeAnythingIsWritten(@TempDir Path data) {
        Run r = CommandLineContractTest.run("search", "--model", "vgg99", "--data-dir", data.toString());
        assertEquals(1, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("cim2pq search: unknown --model 'vgg99' (known: lenet5"), r.err());
        assertFalse(Files.exists(data.resolve("journal")), "no journal for a refused search");
    }

    @Test
    void outOfRangeSettingsAreOneLineErrors(@TempDir Path data) {
        Run population = CommandLineContractTest.run("search", "--population", "1", "--data-dir", data.toString());
        assertEquals(1, population.exit());
        assertEquals("cim2pq search: --population must be in 2..10000, got 1", population.err().strip());
        Run seed = CommandLineContractTest.run("search", "--seed", "-4", "--data-dir", data.toString());
        assertEquals(1, seed.exit());
        assertEquals("cim2pq search: --seed must be >= 0, got -4", seed.err().strip());
        Run dataset = CommandLineContractTest.run("search", "--dataset", "mnist-ish", "--data-dir", data.toString());
        assertEquals(1, dataset.exit());
        assertTrue(dataset.err().startsWith("cim2pq search: unknown --dataset 'mnist-ish'"), dataset.err());
        Run preset = CommandLineContractTest.run("search", "--preset", "isaac-45nm", "--data-dir", data.toString());
        assertEquals(1, preset.exit());
        assertEquals("cim2pq search: unknown --preset 'isaac-45nm' (known: isaac-32nm, neurosim-22nm)",
                preset.err().strip());
        assertFalse(Files.exists(data.resolve("journal")), "no journal for a refused search");
    }

    @Test
    void noiseIsAUsageErrorWhenUnknownAndNoisyFrontsAreNotReScored(@TempDir Path data) {
        Run rescored = CommandLineContractTest.run("search", "--noise", "typical-rram", "--fidelity", "psum",
                "--rescore", "bitserial", "--data-dir", data.toString());
        assertEquals(1, rescored.exit());
        assertEquals("cim2pq search: --rescore bitserial with --noise typical-rram: a front is re-scored on ideal"
                + " devices only (docs/sim-noise.md)", rescored.err().strip());
        Run unknown = CommandLineContractTest.run("search", "--noise", "sram", "--data-dir", data.toString());
        assertEquals(2, unknown.exit());
        String line = unknown.err().lines().findFirst().orElse("");
        assertTrue(line.startsWith("cim2pq: ") && line.endsWith("expected one of ideal, typical-rram, faulty-rram, got 'sram'"),
                line);
        Run draws = CommandLineContractTest.run("search", "--noise", "typical-rram", "--noise-draws", "0",
                "--data-dir", data.toString());
        assertEquals(1, draws.exit());
        assertEquals("cim2pq search: --noise-draws must be in 1..64, got 0", draws.err().strip());
        assertFalse(Files.exists(data.resolve("journal")), "no journal for a refused search");
    }

    /**
     * A noisy search is journaled with its profile, draws and seed, and resumes exactly: the resumed front is the
     * same file, and the strategies' metrics carry the spread over the draws.
     */
    @ParameterizedTest
    @ValueSource(strings = {"bitserial", "psum"})
    void noisySearchRecordsItsNoiseAndResumesExactly(String machine, @TempDir Path data) throws Exception {
        Run first = CommandLineContractTest.run(args(data, "--id", "noisy", "--fidelity", machine, "--noise",
                "typical-rram", "--noise-draws", "2"));
        assertEquals(0, first.exit(), first.err());
        Path front = data.resolve("noisy/front.csv");
        String before = Files.readString(front);
        String events = events(data, "noisy");
        assertTrue(events.contains("typical-rram") && events.contains("top1.accuracy.std"), events.substring(0,
                Math.min(2000, events.length())));
        Files.delete(front);
        Run resumed = CommandLineContractTest.run("resume", "--id", "noisy", "--data-dir", data.toString());
        assertEquals(0, resumed.exit(), resumed.err());
        assertEquals(before, Files.readString(front));
    }

    @Test
    void existingIdWithAnotherConfigurationIsRefusedAndTheJournalKeepsItsEvents(@TempDir Path data) throws Exception {
        assertEquals(0, CommandLineContractTest.run(args(data, "--id", "same")).exit());
        String front = Files.readString(data.resolve("same/front.csv"));
        String events = events(data, "same");

        String[] otherSeed = args(data, "--id", "same");
        otherSeed[List.of(otherSeed).indexOf("--seed") + 1] = "4";
        Run r = CommandLineContractTest.run(otherSeed);
        assertEquals(1, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("cim2pq search: search 'same' exists with a different configuration"), r.err());
        assertEquals(events, events(data, "same"), "the refused search wrote to the journal");

        // Resuming still finds the original search, complete and unchanged.
        Run resumed = CommandLineContractTest.run("resume", "--id", "same", "--data-dir", data.toString());
        assertEquals(0, resumed.exit(), resumed.err());
        assertEquals(front, Files.readString(data.resolve("same/front.csv")));
        assertTrue(events(data, "same").startsWith(events), "resume changed recorded events");
    }

    /** The search's journaled events as {@code history --format jsonl} prints them (H2's file size may shrink). */
    private static String events(Path data, String id) {
        AuditCommandsTest.Out history = AuditCommandsTest.run("history", "--id", id, "--format", "jsonl",
                "--data-dir", data.toString());
        assertEquals(0, history.exit(), history.err());
        assertFalse(history.out().isBlank());
        return history.out();
    }

    @Test
    void idsThatAreFoldersOfTheDataDirAreRefused(@TempDir Path data) {
        for (String id : List.of("journal", "cassandra")) {
            Run r = CommandLineContractTest.run(args(data, "--id", id));
            assertEquals(1, r.exit());
            assertTrue(r.err().startsWith("cim2pq search: --id '" + id + "' is taken: <data-dir>/" + id), r.err());
        }
        assertFalse(Files.exists(data.resolve("journal")));
    }

    @Test
    void theStopMessageNamesTheDataDirToResumeFrom(@TempDir Path data) throws Exception {
        String[] a = args(data, "--id", "stopped");
        a[List.of(a).indexOf("--generations") + 1] = "1000";
        Process p = ForkedCli.start(data.resolve("logs"), java.util.Map.of(), a);
        try {
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (!Files.readString(data.resolve("logs/out")).contains("search stopped: starting")) {
                assertTrue(p.isAlive() && System.nanoTime() < deadline, Files.readString(data.resolve("logs/err")));
                Thread.sleep(100);
            }
            Thread.sleep(2000);
            p.destroy(); // SIGTERM, as Ctrl-C: the search stops cleanly
            assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        } finally {
            p.destroyForcibly();
        }
        String err = Files.readString(data.resolve("logs/err"));
        assertTrue(err.contains("; everything so far is journaled. Continue with: cim2pq resume --id stopped --data-dir "
                + data.toAbsolutePath()), err);
    }

    @Test
    void resumeOfAnUnknownSearchIsOneLine(@TempDir Path data) throws Exception {
        assertEquals(0, CommandLineContractTest.run(args(data, "--id", "known")).exit());
        Run r = CommandLineContractTest.run("resume", "--id", "nope", "--data-dir", data.toString());
        assertEquals(1, r.exit());
        assertEquals("cim2pq resume: no search 'nope' in " + data.resolve("journal").toAbsolutePath()
                + " (see cim2pq list)", r.err().strip());
    }
}
