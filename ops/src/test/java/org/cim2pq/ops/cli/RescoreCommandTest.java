package org.cim2pq.ops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cim2pq.actors.platform.CimPlatformModel;
import org.cim2pq.ops.cli.AuditCommandsTest.Out;
import org.cim2pq.persistence.query.FrontCsv;
import org.cim2pq.sim.cim.eval.CimEvaluator;
import org.cim2pq.sim.cim.eval.Evaluation;
import org.cim2pq.sim.cim.inference.Fidelity;
import org.cim2pq.sim.cim.quant.TilePrecisions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code search --fidelity psum --rescore bitserial} on the shipped LeNet-5 (Fashion-MNIST): the front a psum search
 * reports is the bitserial machine's, labelled so. Its figures equal each strategy evaluated on its own on the
 * bitserial machine (a re-scoring that reused the psum figures or costs fails), the psum figures follow under their
 * own name, each re-evaluation is journaled once, {@code verify} re-checks them, and a search that crashed during
 * its re-scoring resumes to the same front.
 */
class RescoreCommandTest {

    static final String RESCORED_HEADER = FrontCsv.HEADER
            + ",machine,psum_error,psum_energy_pj,psum_latency_ns,psum_area_um2,psum_tops_per_w";
    static final String LABEL = "bitserial (re-scored; searched on psum)";

    @Test
    void aPsumFrontIsReportedAsTheBitserialMachineAndVerifies(@TempDir Path data) throws Exception {
        Out search = AuditCommandsTest.run(SearchCommandTest.args(data, "--id", "r1", "--fidelity", "psum",
                "--rescore", "bitserial"));
        assertEquals(0, search.exit(), search.err());
        assertTrue(search.out().contains("re-scored on bitserial"), search.out());
        List<String> lines = Files.readAllLines(data.resolve("r1/front.csv"));
        assertEquals(RESCORED_HEADER, lines.get(0));
        List<String[]> rows = lines.subList(1, lines.size()).stream().map(l -> l.split(",")).toList();
        assertFalse(rows.isEmpty());
        try (CimEvaluator onBitserial = platform(Fidelity.BITSERIAL).newEvaluator(0);
             CimEvaluator onPsum = platform(Fidelity.PSUM).newEvaluator(0)) {
            double previousError = -1;
            for (String[] row : rows) {
                assertEquals(LABEL, row[7]);
                List<TilePrecisions> strategy = precisions(row[6]);
                assertEquals(figures(onBitserial.evaluate(strategy)), List.of(row).subList(1, 6),
                        row[0] + ": the reported figures are the strategy's on the bitserial machine");
                assertEquals(figures(onPsum.evaluate(strategy)), List.of(row).subList(8, 13),
                        row[0] + ": the psum figures are the ones it was searched with");
                assertNotEquals(row[2], row[9], "the two machines' energies differ");
                double error = Double.parseDouble(row[1]);
                assertTrue(error >= previousError, "rows by the reported (bitserial) error");
                previousError = error;
            }
        }
        Out history = AuditCommandsTest.run("history", "--id", "r1", "--type", "StrategyReevaluated", "--data-dir",
                data.toString());
        assertEquals(rows.size(), history.out().lines().count(), history.out());
        Out verify = AuditCommandsTest.run("verify", "--id", "r1", "--reevaluate", "2", "--data-dir", data.toString());
        assertEquals(0, verify.exit(), verify.out() + verify.err());
        assertTrue(verify.out().contains("re-evaluated " + Math.min(2, rows.size()) + " front re-evaluations, 0 differ"),
                verify.out());
        Out export = AuditCommandsTest.run("export", "--id", "r1", "--what", "front", "--format", "csv", "--out",
                data.resolve("export.csv").toString(), "--data-dir", data.toString());
        assertEquals(0, export.exit(), export.err());
        assertEquals(Files.readString(data.resolve("r1/front.csv")), Files.readString(data.resolve("export.csv")));
        Out report = AuditCommandsTest.run("report", "--id", "r1", "--out", data.resolve("report").toString(),
                "--data-dir", data.toString());
        assertEquals(0, report.exit(), report.err());
        String page = Files.readString(data.resolve("report/index.html"));
        assertTrue(page.contains("Final front: " + LABEL + " (" + rows.size() + " of " + rows.size()), page);
        assertTrue(page.indexOf("Final front: " + LABEL) < page.indexOf("on the psum machine (searched;"),
                "the re-scored front comes first, the searched one is marked as such");
    }

    @Test
    void aSearchThatCrashedWhileReScoringResumesToTheSameFront(@TempDir Path data) throws Exception {
        assertEquals(0, AuditCommandsTest.run(SearchCommandTest.args(data, "--id", "r2", "--fidelity", "psum",
                "--rescore", "bitserial")).exit());
        String before = Files.readString(data.resolve("r2/front.csv"));
        int front = (int) before.lines().count() - 1;
        assertTrue(front >= 2, "a front of at least two strategies, so one re-evaluation can be lost: " + before);
        // What a SIGKILL after the first re-evaluation would have left: every later one is missing.
        String url = "jdbc:h2:file:" + data.resolve("journal/journal") + ";IFEXISTS=TRUE";
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, "sa", "");
             java.sql.Statement s = c.createStatement()) {
            java.sql.ResultSet last = s.executeQuery("select max(\"sequence_number\") from \"event_journal\" where"
                    + " \"persistence_id\" = 'search|r2'");
            last.next();
            long keep = last.getLong(1) - (front - 1);
            assertEquals(front - 1, s.executeUpdate("delete from \"event_journal\" where \"persistence_id\" ="
                    + " 'search|r2' and \"sequence_number\" > " + keep));
        }
        Files.delete(data.resolve("r2/front.csv"));
        Out list = AuditCommandsTest.run("list", "--data-dir", data.toString());
        assertTrue(list.out().lines().anyMatch(l -> l.startsWith("r2 ") && l.contains("re-scoring")), list.out());
        Out export = AuditCommandsTest.run("export", "--id", "r2", "--what", "front", "--format", "csv", "--out",
                data.resolve("early.csv").toString(), "--data-dir", data.toString());
        assertEquals(1, export.exit(), "no front is reported before its re-scoring is complete");

        Out resumed = AuditCommandsTest.run("resume", "--id", "r2", "--data-dir", data.toString());
        assertEquals(0, resumed.exit(), resumed.err());
        assertEquals(before, Files.readString(data.resolve("r2/front.csv")));
        Out history = AuditCommandsTest.run("history", "--id", "r2", "--type", "StrategyReevaluated", "--data-dir",
                data.toString());
        assertEquals(front, history.out().lines().count(), "each front strategy re-evaluated once: " + history.out());
        assertEquals(0, AuditCommandsTest.run("verify", "--id", "r2", "--data-dir", data.toString()).exit());
    }

    @Test
    void onlyAPsumSearchIsReScoredOnBitserial(@TempDir Path data) {
        Out r = AuditCommandsTest.run(SearchCommandTest.args(data, "--id", "r3", "--fidelity", "bitserial",
                "--rescore", "bitserial"));
        assertEquals(1, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("only a psum search is re-scored, on bitserial"), r.err());
        Out other = AuditCommandsTest.run(SearchCommandTest.args(data, "--id", "r4", "--rescore", "isaac"));
        assertEquals(1, other.exit());
        assertTrue(other.err().contains("--rescore must be none or bitserial"), other.err());
        assertFalse(Files.exists(data.resolve("journal")), "no journal for a refused search");
    }

    /** The platform of SearchCommandTest.SMALL on {@code machine}, with the search's default calibration. */
    private static CimPlatformModel platform(Fidelity machine) {
        return CimPlatformModel.builder().setModel("lenet5").setDataset("fashion-mnist").optFidelity(machine)
                .optEvaluationImages(100).optCalibrationImages(64).build();
    }

    private static List<TilePrecisions> precisions(String column) {
        List<TilePrecisions> out = new ArrayList<>();
        for (String tile : column.split(";")) {
            String[] b = tile.split("/");
            out.add(new TilePrecisions(Integer.parseInt(b[0]), Integer.parseInt(b[1]), Integer.parseInt(b[2])));
        }
        return out;
    }

    /** As front.csv writes them: error in percent, energy, latency, area, TOPS/W. */
    private static List<String> figures(Evaluation e) {
        return List.of(n(100 * e.objectives().top1Error()), n(e.objectives().energyPj()), n(e.objectives().latencyNs()),
                n(e.objectives().areaUm2()), n(e.metrics().get("tops.per.watt")));
    }

    private static String n(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
