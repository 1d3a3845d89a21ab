package org.cim2pq.ops.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.cim2pq.ops.cli.AuditCommandsTest.Out;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults of the embedded journal's file, on the real H2 file of a real small search: deleted while a search runs,
 * damaged, empty, half-created, held by another process. Each is one line naming the file, exit 1, and the
 * file's bytes (SHA-256) the same before and after.
 */
class JournalFaultsTest {

    @TempDir
    static Path root;
    static Path sound;

    @BeforeAll
    static void search() {
        sound = root.resolve("sound");
        Out r = AuditCommandsTest.run(SearchCommandTest.args(sound, "--id", "faults"));
        assertEquals(0, r.exit(), r.err());
    }

    @Test
    void aJournalDeletedWhileTheSearchRunsFailsTheSearchLoudly(@TempDir Path root) throws Exception {
        // Deleted at once (before H2 opened it) and once events are being journaled (the file has grown).
        for (boolean midSearch : new boolean[] {false, true}) {
            Path data = root.resolve(midSearch ? "mid" : "early");
            Path file = data.resolve("journal/journal.mv.db");
            Thread deleter = new Thread(() -> {
                try {
                    while (!Files.exists(file)) {
                        Thread.sleep(5);
                    }
                    long created = Files.size(file);
                    while (midSearch && Files.size(file) <= created) {
                        Thread.sleep(20);
                    }
                    Files.delete(file);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            deleter.start();
            String[] args = SearchCommandTest.args(data, "--id", "deleted");
            args[List.of(args).indexOf("--generations") + 1] = "200";
            Out r = AuditCommandsTest.run(args);
            deleter.join();
            assertEquals(1, r.exit(), r.out() + r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertEquals("cim2pq search: the journal " + file.toAbsolutePath() + " was deleted while the search ran:"
                    + " what it journaled went with the old file and the search stopped; start it again to journal"
                    + " it anew", r.err().strip());
            assertFalse(r.out().contains("completed"), r.out());
            assertFalse(Files.exists(data.resolve("deleted/front.csv")), "no front from a journal that is gone");
            assertFalse(Files.exists(file), "H2 made no new journal in its place");
        }
    }

    @Test
    void aDamagedJournalIsRefusedByWritersAndReadersWithoutChangingAByte(@TempDir Path data) throws Exception {
        Path file = copyJournal(data);
        byte[] bytes = Files.readAllBytes(file);
        java.util.Random noise = new java.util.Random(11);
        for (int i = 8192; i < bytes.length; i += 2) {
            bytes[i] = (byte) noise.nextInt(); // every chunk; H2's two file headers (4 KiB each) survive
        }
        Files.write(file, bytes);
        byte[] before = sha256(file);
        for (String[] command : List.of(new String[] {"resume", "--id", "faults"}, SearchCommandTest.args(data, "--id", "faults"),
                new String[] {"history", "--id", "faults"}, new String[] {"list"})) {
            Out r = AuditCommandsTest.run(withDataDir(command, data));
            assertEquals(1, r.exit(), command[0] + ": " + r.out() + r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().startsWith("cim2pq " + command[0] + ": the journal " + file.toAbsolutePath()
                    + " is damaged ("), r.err());
            assertTrue(r.err().contains("it was not changed"), r.err());
            assertTrue(r.out().isEmpty(), command[0] + " printed before failing: " + r.out());
            assertArrayEquals(before, sha256(file), command[0] + " changed the damaged journal");
        }
    }

    @Test
    void debugShowsTheWholeChainBehindAJournalError(@TempDir Path data) throws Exception {
        Path file = copyJournal(data);
        byte[] bytes = Files.readAllBytes(file);
        for (int i = 8192; i < bytes.length; i += 2) {
            bytes[i] = (byte) ~bytes[i];
        }
        Files.write(file, bytes);
        ForkedCli.Result plain = ForkedCli.run(data.resolve("plain"), Map.of(), 120, "resume", "--id", "faults",
                "--data-dir", data.toString());
        assertEquals(1, plain.exit(), plain.err());
        assertEquals(1, plain.err().lines().count(), plain.err());
        ForkedCli.Result debug = ForkedCli.run(data.resolve("debug"), Map.of("CIM2PQ_DEBUG", "1"), 120, "resume",
                "--id", "faults", "--data-dir", data.toString());
        assertEquals(1, debug.exit(), debug.err());
        assertEquals(plain.err().lines().findFirst(), debug.err().lines().findFirst());
        assertTrue(debug.err().lines().anyMatch(l -> l.startsWith("Caused by: org.cim2pq.persistence.journal"
                + ".JournalFileException")), debug.err());
        assertTrue(debug.err().lines().anyMatch(l -> l.startsWith("Caused by: org.h2.")), debug.err());
    }

    @Test
    void anEmptyJournalIsNamedAsEmptyAndLeftEmpty(@TempDir Path data) throws Exception {
        Path file = Files.createFile(Files.createDirectories(data.resolve("journal")).resolve("journal.mv.db"));
        for (String[] command : List.of(SearchCommandTest.args(data, "--id", "faults"), new String[] {"resume", "--id", "x"},
                new String[] {"list"}, new String[] {"history", "--id", "x"})) {
            Out r = AuditCommandsTest.run(withDataDir(command, data));
            assertEquals(1, r.exit(), command[0] + ": " + r.out() + r.err());
            assertEquals("cim2pq " + command[0] + ": the journal " + file.toAbsolutePath() + " is empty (0 bytes): a"
                    + " search was killed while creating it, before anything was journaled; remove it (rm "
                    + file.toAbsolutePath() + ") and start the search again", r.err().strip());
            assertEquals(0, Files.size(file), command[0] + " wrote to the empty journal");
        }
    }

    @Test
    void aHalfCreatedJournalIsNamedAsSuchAndLeftAsItIs(@TempDir Path data) throws Exception {
        Path dir = Files.createDirectories(data.resolve("journal"));
        // What a SIGKILL between the plugin's first and second CREATE TABLE leaves.
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("journal"), "sa", "");
             Statement s = c.createStatement()) {
            s.execute(new String(getClass().getClassLoader().getResourceAsStream("schema/h2/h2-create-schema.sql")
                    .readAllBytes()).split(";")[0]);
        }
        Path file = dir.resolve("journal.mv.db");
        byte[] before = sha256(file);
        for (String[] command : List.of(SearchCommandTest.args(data, "--id", "faults"), new String[] {"list"})) {
            Out r = AuditCommandsTest.run(withDataDir(command, data));
            assertEquals(1, r.exit(), command[0] + ": " + r.out() + r.err());
            assertEquals("cim2pq " + command[0] + ": the journal " + file.toAbsolutePath() + " is half-created (no table"
                    + " event_tag, snapshot, durable_state; 0 events): a search was killed while creating it, before"
                    + " anything was journaled; remove it (rm " + file.toAbsolutePath() + ") and start the search again",
                    r.err().strip());
            assertFalse(r.err().contains("Lock"), r.err());
            assertArrayEquals(before, sha256(file), command[0] + " changed the half-created journal");
        }
    }

    @Test
    void aSigkillWhileTheJournalIsCreatedLeavesNoHalfCreatedJournal(@TempDir Path data) throws Exception {
        Path dir = data.resolve("journal");
        Process p = ForkedCli.start(data.resolve("logs"), Map.of(), SearchCommandTest.args(data, "--id", "killed"));
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.isDirectory(dir)) { // created first thing of the journal's creation
                assertTrue(p.isAlive() && System.nanoTime() < deadline, Files.readString(data.resolve("logs/err")));
                Thread.sleep(1);
            }
        } finally {
            p.destroyForcibly().waitFor(); // SIGKILL
        }
        Path file = dir.resolve("journal.mv.db");
        if (Files.exists(file)) { // the kill came after the journal was linked into place: then it is complete
            Out list = AuditCommandsTest.run("list", "--data-dir", data.toString());
            assertEquals(0, list.exit(), list.err());
        }
        Out again = AuditCommandsTest.run(SearchCommandTest.args(data, "--id", "killed"));
        assertEquals(0, again.exit(), again.err());
        assertTrue(Files.exists(data.resolve("killed/front.csv")));
    }

    @Test
    void aSecondWriterIsToldAtOnceWhichProcessHoldsTheJournal(@TempDir Path data) throws Exception {
        Path file = copyJournal(data);
        String id = "a-search-id-longer-than-the-old-32-columns";
        String[] args = SearchCommandTest.args(data, "--id", id);
        args[List.of(args).indexOf("--generations") + 1] = "1000";
        Process first = ForkedCli.start(data.resolve("logs"), Map.of(), args);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.readString(data.resolve("logs/out")).contains("search " + id + ": starting")) {
                assertTrue(first.isAlive() && System.nanoTime() < deadline, "the first search did not start: "
                        + Files.readString(data.resolve("logs/err")));
                Thread.sleep(100);
            }
            Out second = AuditCommandsTest.run("resume", "--id", "faults", "--data-dir", data.toString());
            assertEquals(1, second.exit(), second.out() + second.err());
            assertEquals(1, second.err().lines().count(), second.err());
            assertTrue(second.err().startsWith("cim2pq resume: the journal " + file.toAbsolutePath() + " is in use by"
                    + " process " + first.pid() + " (cim2pq search --model lenet5"), second.err());
            assertTrue(second.err().endsWith("one process writes a journal at a time; wait for it to end, stop it"
                    + " (kill -INT " + first.pid() + ") or use another --data-dir\n"), second.err());
            // The read side still reads it (a copy) while the search runs, and tells running from completed.
            Out list;
            do {
                list = AuditCommandsTest.run("list", "--data-dir", data.toString());
                assertEquals(0, list.exit(), list.err());
                assertTrue(first.isAlive() && System.nanoTime() < deadline, list.out());
            } while (list.out().lines().noneMatch(l -> l.startsWith(id + " ")));
            List<String> lines = list.out().lines().toList();
            int status = lines.get(0).indexOf(" status ") + 1;
            assertTrue(lines.stream().anyMatch(l -> l.startsWith(id + " ") && l.startsWith("running ", status)), list.out());
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("faults ") && l.startsWith("completed ", status)),
                    list.out());
        } finally {
            first.destroyForcibly().waitFor();
        }
    }

    static Path copyJournal(Path data) throws Exception {
        Path file = data.resolve("journal/journal.mv.db");
        Files.createDirectories(file.getParent());
        Files.copy(sound.resolve("journal/journal.mv.db"), file);
        return file;
    }

    static String[] withDataDir(String[] command, Path data) {
        if (List.of(command).contains("--data-dir")) {
            return command;
        }
        String[] out = java.util.Arrays.copyOf(command, command.length + 2);
        out[command.length] = "--data-dir";
        out[command.length + 1] = data.toString();
        return out;
    }

    static byte[] sha256(Path file) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
    }
}
