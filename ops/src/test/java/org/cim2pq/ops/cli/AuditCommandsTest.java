package org.cim2pq.ops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.cim2pq.ops.cli.CommandLineContractTest.Run;
import org.cim2pq.persistence.proto.MutationApplied;
import org.cim2pq.persistence.proto.MutationSite;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read side on a journal produced by a real small search: list, history, lineage back to generation 0,
 * verify (passes; fails naming the event after a test rewrites one mutation site in the H2 database), export of
 * the front equal to front.csv, and one-line errors for unknown ids and strategies.
 */
class AuditCommandsTest {

    @TempDir
    static Path root;
    static Path data;

    @BeforeAll
    static void search() {
        data = root.resolve("data");
        String[] args = SearchCommandTest.args(data, "--id", "audit");
        args[java.util.List.of(args).indexOf("--generations") + 1] = "2";
        Run r = CommandLineContractTest.run(args);
        assertEquals(0, r.exit(), r.err());
    }

    public record Out(int exit, String out, String err) {}

    /** Runs a command capturing what it prints on System.out too. */
    public static Out run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            Run r = CommandLineContractTest.run(args);
            return new Out(r.exit(), buffer.toString(StandardCharsets.UTF_8) + r.out(), r.err());
        } finally {
            System.setOut(original);
        }
    }

    @Test
    void listAndHistoryShowTheSearch() {
        Out list = run("list", "--data-dir", data.toString());
        assertEquals(0, list.exit(), list.err());
        assertTrue(list.out().lines().anyMatch(l -> l.startsWith("audit ") && l.contains("completed")), list.out());

        Out jsonl = run("history", "--id", "audit", "--format", "jsonl", "--data-dir", data.toString());
        assertEquals(0, jsonl.exit(), jsonl.err());
        assertTrue(jsonl.out().lines().findFirst().orElseThrow().startsWith("{\"seq\":1,\"type\":\"SearchStarted\""));
        assertTrue(jsonl.out().lines().allMatch(l -> l.startsWith("{\"seq\":")), jsonl.out());

        Out selections = run("history", "--id", "audit", "--type", "SelectionApplied", "--data-dir", data.toString());
        assertEquals(2, selections.out().lines().count(), selections.out());
    }

    @Test
    void lineageOfAFrontMemberReachesTheInitialPopulation() throws Exception {
        String member = Files.readAllLines(data.resolve("audit/front.csv")).stream().skip(1)
                .filter(l -> !l.startsWith("g0-")).map(l -> l.split(",")[0]).findFirst().orElse(null);
        if (member == null) {
            member = Files.readAllLines(data.resolve("audit/front.csv")).get(1).split(",")[0];
        }
        Out text = run("lineage", "--id", "audit", "--strategy", member, "--data-dir", data.toString());
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().startsWith(member + "  "), text.out());
        assertTrue(text.out().lines().anyMatch(l -> l.strip().startsWith("g0-")), "reaches generation 0:\n" + text.out());
        Out dot = run("lineage", "--id", "audit", "--strategy", member, "--format", "dot", "--data-dir", data.toString());
        assertTrue(dot.out().startsWith("digraph lineage {"), dot.out());

        Out unknown = run("lineage", "--id", "audit", "--strategy", "g99-0", "--data-dir", data.toString());
        assertEquals(1, unknown.exit());
        assertEquals("cim2pq lineage: no strategy 'g99-0' in search 'audit'", unknown.err().strip());
    }

    @Test
    void exportOfTheFrontEqualsFrontCsv() throws Exception {
        Path out = data.resolve("exported/front.csv");
        Out r = run("export", "--id", "audit", "--what", "front", "--format", "csv", "--out", out.toString(),
                "--data-dir", data.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(Files.readString(data.resolve("audit/front.csv")), Files.readString(out));
        Out all = run("export", "--id", "audit", "--what", "all", "--format", "jsonl", "--out",
                data.resolve("exported/all.jsonl").toString(), "--data-dir", data.toString());
        assertEquals(0, all.exit(), all.err());
        assertEquals(4 + 2 * 4, Files.readAllLines(data.resolve("exported/all.jsonl")).size());
    }

    @Test
    void historyOfAnUnknownTypeIsRefusedNamingTheTypesTheSearchHas() {
        Out r = run("history", "--id", "audit", "--type", "Bogus", "--data-dir", data.toString());
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().isEmpty(), r.out());
        assertTrue(r.err().startsWith("cim2pq history: unknown --type 'Bogus' (search 'audit' has CrossoverApplied,"),
                r.err());
        assertTrue(r.err().contains("SelectionApplied"), r.err());
        // A type this version knows but the search never journaled is an empty answer, not an error.
        Out none = run("history", "--id", "audit", "--type", "EvaluationFailed", "--data-dir", data.toString());
        assertEquals(0, none.exit(), none.err());
        assertTrue(none.out().isEmpty(), none.out());
    }

    @Test
    void exportToAnUnwritablePlaceSaysWhy() {
        Out r = run("export", "--id", "audit", "--out", "/proc/cim2pq/front.csv", "--data-dir", data.toString());
        assertEquals(1, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().matches("cim2pq export: cannot write /proc/cim2pq/front.csv \\((FileSystem|AccessDenied|NoSuchFile)"
                + ": .+\\)\\R"), r.err());
    }

    @Test
    void unknownIdIsOneLineAndExit1() {
        Out r = run("history", "--id", "nope", "--data-dir", data.toString());
        assertEquals(1, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("cim2pq history: no search 'nope' in "), r.err());
    }

    @Test
    void verifyPassesAndThenFailsNamingARewrittenMutationSite() throws Exception {
        Out ok = run("verify", "--id", "audit", "--data-dir", data.toString());
        assertEquals(0, ok.exit(), ok.out() + ok.err());
        assertTrue(ok.out().contains("verify audit: OK"), ok.out());

        // Copy the data dir, then rewrite one recorded mutation site in the copy's H2 database.
        Path tampered = root.resolve("tampered");
        copyTree(data.resolve("journal"), tampered.resolve("journal"));
        long seq = rewriteOneMutationSite(tampered.resolve("journal"));

        Out bad = run("verify", "--id", "audit", "--data-dir", tampered.toString());
        assertEquals(1, bad.exit(), bad.out() + bad.err());
        assertTrue(bad.out().contains("DIVERGED at event " + seq + " (MutationApplied)"), bad.out());
    }

    @Test
    void aJournalOfAnotherFormatIsRefusedByResumeAndVerifyWithoutChangingIt() throws Exception {
        refusedWithoutChange("foreign", b -> b.setFormatVersion(99), "journal format 99 (this cim2pq reads formats 1 to "
                + org.cim2pq.persistence.event.SearchEventCodec.FORMAT_VERSION + ")");
    }

    @Test
    void aJournalOfAnotherSearchMethodIsRefusedByResumeAndVerifyWithoutChangingIt() throws Exception {
        refusedWithoutChange("future-method", b -> b.setMethodRevision(99), "search method revision 99 (this cim2pq"
                + " runs revisions 1 to " + org.cim2pq.engine.search.SearchMethod.CURRENT.revision() + ")");
    }

    /** The journal's start rewritten by {@code edit} in a copy: resume and verify refuse it in one line, unchanged. */
    private void refusedWithoutChange(String name,
            java.util.function.UnaryOperator<org.cim2pq.persistence.proto.SearchStarted.Builder> edit, String why)
            throws Exception {
        Path foreign = root.resolve(name);
        copyTree(data.resolve("journal"), foreign.resolve("journal"));
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + foreign.resolve("journal/journal"), "sa", "")) {
            byte[] payload;
            try (PreparedStatement q = c.prepareStatement("select \"event_payload\" from \"event_journal\" where "
                    + "\"persistence_id\" = 'search|audit' and \"sequence_number\" = 1");
                 ResultSet rs = q.executeQuery()) {
                rs.next();
                payload = rs.getBytes(1);
            }
            byte[] future = edit.apply(org.cim2pq.persistence.proto.SearchStarted.parseFrom(payload).toBuilder())
                    .build().toByteArray();
            try (PreparedStatement u = c.prepareStatement("update \"event_journal\" set \"event_payload\" = ? where "
                    + "\"persistence_id\" = 'search|audit' and \"sequence_number\" = 1")) {
                u.setBytes(1, future);
                assertEquals(1, u.executeUpdate());
            }
        }
        int events = run("history", "--id", "audit", "--format", "jsonl", "--data-dir", foreign.toString()).out()
                .split("\n").length;

        Out resume = run("resume", "--id", "audit", "--data-dir", foreign.toString());
        assertEquals(1, resume.exit(), resume.out() + resume.err());
        assertEquals(1, resume.err().lines().count(), resume.err());
        assertTrue(resume.err().startsWith("cim2pq resume: search 'audit' cannot continue: " + why), resume.err());
        Out verify = run("verify", "--id", "audit", "--data-dir", foreign.toString());
        assertEquals(1, verify.exit());
        assertTrue(verify.out().contains("DIVERGED at event 1 (SearchStarted): " + why), verify.out());
        assertEquals(events, run("history", "--id", "audit", "--format", "jsonl", "--data-dir", foreign.toString())
                .out().split("\n").length, "nothing was appended to the journal");
    }

    @Test
    void aDamagedDatabaseIsOneLineAndStaysAsItWas() throws Exception {
        Path damaged = root.resolve("damaged");
        copyTree(data.resolve("journal"), damaged.resolve("journal"));
        Path file = damaged.resolve("journal/journal.mv.db");
        byte[] bytes = Files.readAllBytes(file);
        java.util.Random noise = new java.util.Random(7);
        for (int i = 0; i < bytes.length; i += 2) { // every other byte: no chunk, no header survives
            bytes[i] = (byte) noise.nextInt();
        }
        Files.write(file, bytes);
        Out r = run("history", "--id", "audit", "--data-dir", damaged.toString());
        assertEquals(1, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("cim2pq history: the journal " + file.toAbsolutePath() + " is damaged ("),
                r.err());
        assertTrue(java.util.Arrays.equals(bytes, Files.readAllBytes(file)), "the damaged file was left as it was");
    }

    /** Changes the new value of the first mutation site found; returns that event's sequence number. */
    private static long rewriteOneMutationSite(Path journal) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + journal.resolve("journal"), "sa", "")) {
            try (PreparedStatement q = c.prepareStatement("select \"sequence_number\", \"event_payload\" from "
                    + "\"event_journal\" where \"event_ser_manifest\" = 'cim2pq.v1.MutationApplied' order by \"sequence_number\"");
                 ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    MutationApplied m = MutationApplied.parseFrom(rs.getBytes(2));
                    if (m.getSitesCount() == 0) {
                        continue;
                    }
                    MutationSite s = m.getSites(0);
                    MutationApplied changed = m.toBuilder().setSites(0, s.toBuilder()
                            .setNewValue(s.getNewValue() == 0 ? 1 : s.getNewValue() - 1)).build();
                    long seq = rs.getLong(1);
                    try (PreparedStatement u = c.prepareStatement("update \"event_journal\" set \"event_payload\" = ? "
                            + "where \"sequence_number\" = ? and \"event_ser_manifest\" = 'cim2pq.v1.MutationApplied'")) {
                        u.setBytes(1, changed.toByteArray());
                        u.setLong(2, seq);
                        assertEquals(1, u.executeUpdate());
                    }
                    return seq;
                }
            }
        }
        throw new AssertionError("no mutation with a site in the journal");
    }

    private static void copyTree(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }
}
