package org.cim2pq.ops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.cim2pq.ops.cli.AuditCommandsTest.Out;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A journal written by cim2pq at 927c560 (format 1, fixtures/journal-v1) stays readable: it lists, its history is
 * the same text, it verifies, reports and exports, and its interrupted search resumes to the front an uninterrupted
 * run found.
 */
class OldJournalFixtureTest {

    static final String FIXTURE = "/fixtures/journal-v1/";

    @TempDir
    static Path data;

    @BeforeAll
    static void unpack() throws IOException {
        unpack(data);
    }

    static void unpack(Path dataDir) throws IOException {
        Path journal = Files.createDirectories(dataDir.resolve("journal"));
        try (InputStream in = new GZIPInputStream(resource("v1-journal.mv.db.gz"))) {
            Files.copy(in, journal.resolve("journal.mv.db"));
        }
    }

    private static InputStream resource(String name) {
        InputStream in = OldJournalFixtureTest.class.getResourceAsStream(FIXTURE + name);
        if (in == null) {
            throw new IllegalStateException("missing fixture " + name);
        }
        return in;
    }

    private static String text(String name) throws IOException {
        try (InputStream in = resource(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String dir() {
        return data.toString();
    }

    @Test
    void listsEverySearchWithItsState() {
        Out list = AuditCommandsTest.run("list", "--data-dir", dir());
        assertEquals(0, list.exit(), list.err());
        assertTrue(list.out().lines().anyMatch(l -> l.startsWith("v1-complete ") && l.contains("completed")), list.out());
        assertTrue(list.out().lines().anyMatch(l -> l.startsWith("v1-layer-bitserial ") && l.contains("completed")),
                list.out());
        assertTrue(list.out().lines().anyMatch(l -> l.startsWith("v1-partial ") && !l.contains("completed")), list.out());
    }

    @Test
    void historyIsTheTextFormat1Gave() throws IOException {
        for (String id : new String[] {"v1-complete", "v1-layer-bitserial"}) {
            Out history = AuditCommandsTest.run("history", "--id", id, "--format", "jsonl", "--data-dir", dir());
            assertEquals(0, history.exit(), history.err());
            assertEquals(text(id + ".history.jsonl"), history.out(), id);
        }
    }

    @Test
    void verifiesReportsAndExports() throws IOException {
        for (String id : new String[] {"v1-complete", "v1-layer-bitserial", "v1-partial"}) {
            Out verify = AuditCommandsTest.run("verify", "--id", id, "--data-dir", dir());
            assertEquals(0, verify.exit(), id + ": " + verify.err() + verify.out());
            assertTrue(verify.out().contains(": OK"), verify.out());
        }
        Path report = data.resolve("report-v1");
        Out r = AuditCommandsTest.run("report", "--id", "v1-complete", "--out", report.toString(), "--data-dir", dir());
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.size(report.resolve("index.html")) > 0);
        Path front = data.resolve("v1-complete-front.csv");
        Out e = AuditCommandsTest.run("export", "--id", "v1-complete", "--what", "front", "--format", "csv",
                "--out", front.toString(), "--data-dir", dir());
        assertEquals(0, e.exit(), e.err());
        assertEquals(text("v1-complete.front.csv"), Files.readString(front));
    }

    @Test
    void aFormatOneSearchThatNeedsNewEvaluationsIsRefusedWithItsJournalUnchanged(@TempDir Path own) throws Exception {
        unpack(own);
        // The journal a SIGKILL three evaluations earlier would have left: the rest must be evaluated, and this
        // cim2pq simulates another CIM model than the one that recorded the results.
        String url = "jdbc:h2:file:" + own.resolve("journal/journal") + ";IFEXISTS=TRUE";
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, "sa", "");
                java.sql.PreparedStatement d = c.prepareStatement("delete from \"event_journal\" where"
                        + " \"persistence_id\" = 'search|v1-partial' and \"sequence_number\" > 124")) {
            assertEquals(3, d.executeUpdate());
        }
        String before = AuditCommandsTest.run("history", "--id", "v1-partial", "--format", "jsonl", "--data-dir",
                own.toString()).out();
        Out resumed = AuditCommandsTest.run("resume", "--id", "v1-partial", "--data-dir", own.toString());
        assertEquals(1, resumed.exit(), resumed.out() + resumed.err());
        assertEquals(1, resumed.err().lines().count(), resumed.err());
        assertTrue(resumed.err().contains("was journaled by an earlier CIM model (journal format 1"), resumed.err());
        assertEquals(before, AuditCommandsTest.run("history", "--id", "v1-partial", "--format", "jsonl", "--data-dir",
                own.toString()).out());
    }

    @Test
    void theInterruptedSearchResumesToTheUninterruptedFront(@TempDir Path own) throws IOException {
        unpack(own);
        Out resumed = AuditCommandsTest.run("resume", "--id", "v1-partial", "--data-dir", own.toString());
        assertEquals(0, resumed.exit(), resumed.err());
        assertEquals(text("v1-partial.front.csv"), Files.readString(own.resolve("v1-partial/front.csv")));
    }
}
