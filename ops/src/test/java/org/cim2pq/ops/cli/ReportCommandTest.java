package org.cim2pq.ops.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import javax.imageio.ImageIO;
import org.cim2pq.ops.cli.CommandLineContractTest.Run;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cim2pq report} on a tiny real search (LeNet-5, Fashion-MNIST, run in-process once for the class): the page
 * and its plots, and the refusals (one line, exit 1, the journal untouched).
 */
class ReportCommandTest {

    static final List<String> PLOTS = List.of("pareto-error-energy.png", "pareto-error-latency.png",
            "pareto-error-area.png", "pareto-topsw-error.png", "hypervolume.png", "precision-map.png", "sensitivity.png");

    @TempDir
    static Path data;

    @BeforeAll
    static void search() {
        Run r = CommandLineContractTest.run(SearchCommandTest.args(data, "--id", "rep"));
        assertEquals(0, r.exit(), r.err());
    }

    @Test
    void reportWritesThePageAndEveryPlotAndLeavesTheJournalAlone() throws Exception {
        byte[] journalBefore = settledDigest(data.resolve("journal/journal.mv.db"));
        Path out = data.resolve("report-rep");
        Run r = CommandLineContractTest.run("report", "--id", "rep", "--out", out.toString(), "--data-dir",
                data.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("report rep: completed after 1 generations; 7 plots"), r.out());

        String html = Files.readString(out.resolve("index.html"));
        for (String plot : PLOTS) {
            Path png = out.resolve(plot);
            byte[] bytes = Files.readAllBytes(png);
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(bytes, 4), plot);
            BufferedImage image = ImageIO.read(png.toFile());
            assertTrue(image.getWidth() >= 800 && image.getHeight() >= 400,
                    plot + " is " + image.getWidth() + "x" + image.getHeight());
            assertTrue(bytes.length > 8_000, plot + " has only " + bytes.length + " bytes: empty plot?");
            assertTrue(html.contains("<img src=\"" + plot + "\""), "page shows " + plot);
        }
        for (String provenance : List.of("lenet5", "sha256:", "fashion-mnist", "&quot;seed&quot;:3",
                "Status: completed after 1 generations", data.resolve("journal").toAbsolutePath().toString(),
                "uniform-8", "Measured sensitivity per layer", "<td>conv1</td>")) {
            assertTrue(html.contains(provenance), "page names " + provenance);
        }
        assertArrayEquals(journalBefore, digest(data.resolve("journal/journal.mv.db")), "journal changed");
    }

    @Test
    void unknownSearchIsOneLineAndWritesNothing() {
        Path out = data.resolve("report-nope");
        Run r = CommandLineContractTest.run("report", "--id", "nope", "--out", out.toString(), "--data-dir",
                data.toString());
        assertEquals(1, r.exit());
        assertEquals("cim2pq report: no search 'nope' in " + data.resolve("journal").toAbsolutePath()
                + " (see cim2pq list)", r.err().strip());
        assertFalse(Files.exists(out), "no report folder for an unknown search");
    }

    @Test
    void unwritableOutIsOneLine() throws Exception {
        Path file = Files.writeString(data.resolve("not-a-folder"), "x");
        Run r = CommandLineContractTest.run("report", "--id", "rep", "--out", file.toString(), "--data-dir",
                data.toString());
        assertEquals(1, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("cim2pq report: cannot write the report to " + file), r.err());
    }

    @Test
    void missingJournalIsOneLine(@TempDir Path empty) {
        Run r = CommandLineContractTest.run("report", "--id", "rep", "--out", empty.resolve("o").toString(),
                "--data-dir", empty.toString());
        assertEquals(1, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("cim2pq report: no search 'rep' in " + empty.resolve("journal")), r.err());
    }

    /**
     * The search ran in this JVM, whose H2 keeps the database open and stores its last changes in the background
     * for a moment after the search ends; wait until the file stops changing before comparing.
     */
    @Test
    void unreadableJournalIsOneLine(@TempDir Path other) throws Exception {
        Files.createDirectories(other.resolve("journal/journal.mv.db"));
        Run r = CommandLineContractTest.run("report", "--id", "rep", "--out", other.resolve("o").toString(),
                "--data-dir", other.toString());
        assertEquals(1, r.exit());
        assertEquals("cim2pq report: cannot read the journal " + other.resolve("journal/journal.mv.db").toAbsolutePath()
                + ": not a file", r.err().strip());
    }

    private static byte[] settledDigest(Path file) throws Exception {
        byte[] previous = digest(file);
        for (int i = 0; i < 20; i++) {
            Thread.sleep(1_000);
            byte[] now = digest(file);
            if (java.util.Arrays.equals(previous, now)) {
                return now;
            }
            previous = now;
        }
        return previous;
    }

    private static byte[] digest(Path file) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
    }
}
