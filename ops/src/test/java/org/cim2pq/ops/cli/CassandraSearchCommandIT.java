package org.cim2pq.ops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.cim2pq.ops.cli.AuditCommandsTest.Out;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real search journaled in a real Cassandra (started by {@code ops/bin/test}), then the read side on it: list,
 * history, verify, export of the front, report (its provenance names the Cassandra journal), resume.
 */
@Tag("cassandra")
class CassandraSearchCommandIT {

    static String contactPoint() {
        return System.getProperty("cim2pq.test.cassandra.host", "127.0.0.1") + ":" + Integer.getInteger("cim2pq.test.cassandra.port", 9042);
    }

    @Test
    void searchAndReadSideOnTheCassandraJournal(@TempDir Path data) throws Exception {
        String id = "cassandra-" + Long.toString(System.nanoTime(), 36);
        String[] journal = {"--journal", "cassandra", "--cassandra", contactPoint(), "--data-dir", data.toString()};
        String[] search = SearchCommandTest.args(data, "--id", id, "--journal", "cassandra", "--cassandra", contactPoint());
        Out run = AuditCommandsTest.run(search);
        assertEquals(0, run.exit(), run.out() + run.err());
        String front = Files.readString(data.resolve(id + "/front.csv"));
        assertFalse(Files.exists(data.resolve("journal/journal.mv.db")), "nothing went to the embedded journal");

        Out list = AuditCommandsTest.run(concat(new String[] {"list"}, journal));
        assertEquals(0, list.exit(), list.err());
        assertTrue(list.out().lines().anyMatch(l -> l.startsWith(id + " ") && l.contains("completed")), list.out());

        Out history = AuditCommandsTest.run(concat(new String[] {"history", "--id", id, "--format", "jsonl"}, journal));
        assertEquals(0, history.exit(), history.err());
        assertTrue(history.out().startsWith("{\"seq\":1,\"type\":\"SearchStarted\""), history.out());

        Out verify = AuditCommandsTest.run(concat(new String[] {"verify", "--id", id}, journal));
        assertEquals(0, verify.exit(), verify.out() + verify.err());
        assertTrue(verify.out().contains("verify " + id + ": OK"), verify.out());

        Path exported = data.resolve("export/front.csv");
        Out export = AuditCommandsTest.run(concat(new String[] {"export", "--id", id, "--out", exported.toString()}, journal));
        assertEquals(0, export.exit(), export.err());
        assertEquals(front, Files.readString(exported));

        Path reportDir = data.resolve("report");
        Out report = AuditCommandsTest.run(concat(new String[] {"report", "--id", id, "--out", reportDir.toString()}, journal));
        assertEquals(0, report.exit(), report.err());
        String page = Files.readString(reportDir.resolve("index.html"));
        assertTrue(page.contains("<th>journal</th><td><code>the Cassandra journal at " + contactPoint() + "</code></td>"), page);

        Files.delete(data.resolve(id + "/front.csv"));
        Out resume = AuditCommandsTest.run(concat(new String[] {"resume", "--id", id}, journal));
        assertEquals(0, resume.exit(), resume.err());
        assertEquals(front, Files.readString(data.resolve(id + "/front.csv")));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
