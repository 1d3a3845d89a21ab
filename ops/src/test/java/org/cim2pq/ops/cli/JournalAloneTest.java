package org.cim2pq.ops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.cim2pq.ops.cli.AuditCommandsTest.Out;
import org.cim2pq.ops.cli.CommandLineContractTest.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A journal describes its search (format 2): once the search has run, history, lineage, export, report, list and
 * verify (without re-evaluation) work with the data set folder gone, because they decode genomes with the space
 * the journal records and never load the model or its data.
 */
class JournalAloneTest {

    @Test
    void theReadSideNeedsOnlyTheJournal(@TempDir Path root) throws IOException {
        Path images = Files.createDirectories(root.resolve("fashion-mnist"));
        try (Stream<Path> files = Files.list(Path.of("/usr/share/datasets/fashion-mnist"))) {
            for (Path f : files.toList()) {
                Files.copy(f, images.resolve(f.getFileName()));
            }
        }
        Path data = root.resolve("data");
        Run search = CommandLineContractTest.run(SearchCommandTest.args(data, "--id", "alone", "--dataset-dir",
                images.toString()));
        assertEquals(0, search.exit(), search.err());
        String front = Files.readString(data.resolve("alone/front.csv"));
        try (Stream<Path> walk = Files.walk(images)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        assertFalse(Files.exists(images));

        String dir = data.toString();
        Out list = AuditCommandsTest.run("list", "--data-dir", dir);
        assertEquals(0, list.exit(), list.err());
        assertTrue(list.out().contains("alone"), list.out());
        Out history = AuditCommandsTest.run("history", "--id", "alone", "--data-dir", dir);
        assertEquals(0, history.exit(), history.err());
        String member = front.lines().skip(1).findFirst().orElseThrow().split(",")[0];
        Out lineage = AuditCommandsTest.run("lineage", "--id", "alone", "--strategy", member, "--data-dir", dir);
        assertEquals(0, lineage.exit(), lineage.err());
        Path exported = root.resolve("front.csv");
        Out export = AuditCommandsTest.run("export", "--id", "alone", "--what", "front", "--format", "csv", "--out",
                exported.toString(), "--data-dir", dir);
        assertEquals(0, export.exit(), export.err());
        assertEquals(front, Files.readString(exported));
        Out all = AuditCommandsTest.run("export", "--id", "alone", "--what", "all", "--format", "jsonl", "--out",
                root.resolve("all.jsonl").toString(), "--data-dir", dir);
        assertEquals(0, all.exit(), all.err());
        Path report = root.resolve("report");
        Out r = AuditCommandsTest.run("report", "--id", "alone", "--out", report.toString(), "--data-dir", dir);
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.exists(report.resolve(org.cim2pq.ops.report.PrecisionHeatmap.FILE)),
                "the precision map, drawn from the journal's own space");
        Out verify = AuditCommandsTest.run("verify", "--id", "alone", "--data-dir", dir);
        assertEquals(0, verify.exit(), verify.err() + verify.out());
        assertTrue(verify.out().contains(": OK"), verify.out());
    }
}
