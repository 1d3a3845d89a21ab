package org.cim2pq.ops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.cim2pq.ops.cli.AuditCommandsTest.Out;
import org.cim2pq.ops.cli.CommandLineContractTest.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Layerwise searches use per-layer scales since CIM model revision 4 and journal it ({@code layer-scales} in the
 * request, {@code layer_scales} in the platform); a layerwise search journaled at revision 3 (fixtures/journal-r3-layer,
 * per-tile scales) still evaluates as it did: it verifies with re-evaluation and resumes to its uninterrupted front.
 */
class LayerScalesJournalTest {

    static final String FIXTURE = "/fixtures/journal-r3-layer/";

    private static InputStream resource(String name) {
        InputStream in = LayerScalesJournalTest.class.getResourceAsStream(FIXTURE + name);
        if (in == null) {
            throw new IllegalStateException("missing fixture " + name);
        }
        return in;
    }

    private static void unpack(Path dataDir) throws IOException {
        Path journal = Files.createDirectories(dataDir.resolve("journal"));
        try (InputStream in = new GZIPInputStream(resource("r3-journal.mv.db.gz"))) {
            Files.copy(in, journal.resolve("journal.mv.db"));
        }
    }

    private static String started(Path data, String id) {
        Out history = AuditCommandsTest.run("history", "--id", id, "--format", "jsonl", "--data-dir", data.toString());
        assertEquals(0, history.exit(), history.err());
        return history.out().lines().filter(l -> l.contains("\"type\":\"SearchStarted\"")).findFirst().orElse("");
    }

    @Test
    void aRevisionThreeLayerwiseJournalVerifiesAndResumesWithPerTileScales(@TempDir Path data) throws Exception {
        unpack(data);
        String start = started(data, "r3-layer");
        assertTrue(start.contains("\"cimModelRevision\":3") && !start.contains("layerScales")
                && !start.contains("layer-scales"), start);
        Out verify = AuditCommandsTest.run("verify", "--id", "r3-layer", "--reevaluate", "3", "--data-dir",
                data.toString());
        assertEquals(0, verify.exit(), verify.err() + verify.out());
        assertTrue(verify.out().contains(": OK"), verify.out());

        // cut before generation 2's evaluations (a SIGKILL's journal): resuming evaluates them again, per tile
        String url = "jdbc:h2:file:" + data.resolve("journal/journal") + ";IFEXISTS=TRUE";
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, "sa", "");
             java.sql.PreparedStatement d = c.prepareStatement("delete from \"event_journal\" where"
                     + " \"persistence_id\" = 'search|r3-layer' and \"sequence_number\" > 29")) {
            assertEquals(6, d.executeUpdate());
        }
        Run resumed = CommandLineContractTest.run("resume", "--id", "r3-layer", "--data-dir", data.toString());
        assertEquals(0, resumed.exit(), resumed.err());
        String expected;
        try (InputStream in = resource("r3-layer.front.csv")) {
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(expected, Files.readString(data.resolve("r3-layer/front.csv")));
    }

    @Test
    void aNewLayerwiseSearchJournalsPerLayerScalesAndAnArraywiseOneDoesNot(@TempDir Path data) throws Exception {
        Run layer = CommandLineContractTest.run(SearchCommandTest.args(data, "--id", "l4", "--granularity", "layer"));
        assertEquals(0, layer.exit(), layer.err());
        String start = started(data, "l4");
        assertTrue(start.contains("\"cimModelRevision\":4") && start.contains("\"layerScales\":true")
                && start.contains("\\\"layer-scales\\\":true"), start);
        Path front = data.resolve("l4/front.csv");
        String before = Files.readString(front);
        Files.delete(front);
        Run resumed = CommandLineContractTest.run("resume", "--id", "l4", "--data-dir", data.toString());
        assertEquals(0, resumed.exit(), resumed.err());
        assertEquals(before, Files.readString(front));

        Run array = CommandLineContractTest.run(SearchCommandTest.args(data, "--id", "a4"));
        assertEquals(0, array.exit(), array.err());
        assertFalse(started(data, "a4").contains("layerScales"), started(data, "a4"));
    }
}
