package org.cim2pq.ops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cim2pq.ops.cli.AuditCommandsTest.Out;
import org.cim2pq.persistence.query.FrontCsv;
import org.cim2pq.persistence.query.HeldOutAccuracy;
import org.cim2pq.sim.cim.array.TileGrouping;
import org.cim2pq.sim.cim.eval.CimEvaluator;
import org.cim2pq.sim.cim.eval.Evaluation;
import org.cim2pq.sim.cim.inference.Fidelity;
import org.cim2pq.sim.cim.quant.QuantizationConfig;
import org.cim2pq.sim.cim.quant.TilePrecisions;
import org.cim2pq.sim.data.DatasetCatalog;
import org.cim2pq.sim.data.ImageSet;
import org.cim2pq.sim.data.Normalization;
import org.cim2pq.sim.data.SeededSubsets;
import org.cim2pq.sim.models.TrainedModel;
import org.cim2pq.sim.models.TrainedModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code search --held-out N} on the shipped LeNet-5 (Fashion-MNIST, SearchCommandTest.SMALL: 100 search images, 64
 * calibration images): the completed front is evaluated again on N test images outside the search subset, journaled
 * once per strategy; front.csv shows each strategy's held-out accuracy and its 95% Wilson interval beside the search
 * figures, equal to the strategy evaluated on its own, outside the CLI, on those images (an evaluation on the search
 * images, or on other ones, fails); {@code verify} re-checks them, {@code export} and {@code report} show them, and a
 * search that crashed during its held-out evaluation resumes to the same front.
 */
class HeldOutCommandTest {

    static final String HELD_OUT_HEADER = FrontCsv.HEADER + ",heldout_images,heldout_top1,heldout_top1_lo95,heldout_top1_hi95";
    /** More than one chunk of CimPlatformModel.HELD_OUT_CHUNK: the counts add up over chunks. */
    static final int HELD_OUT = 1_100;

    @Test
    void theFrontsHeldOutAccuracyIsTheStrategysOnTheImagesOutsideTheSearchSubset(@TempDir Path data) throws Exception {
        Out search = AuditCommandsTest.run(SearchCommandTest.args(data, "--id", "h1", "--held-out",
                Integer.toString(HELD_OUT)));
        assertEquals(0, search.exit(), search.err());
        assertTrue(search.out().contains("re-evaluated on " + HELD_OUT + " held-out images"), search.out());
        List<String> lines = Files.readAllLines(data.resolve("h1/front.csv"));
        assertEquals(HELD_OUT_HEADER, lines.get(0));
        List<String[]> rows = lines.subList(1, lines.size()).stream().map(l -> l.split(",")).toList();
        assertFalse(rows.isEmpty());
        boolean someDiffer = false;
        try (CimEvaluator heldOut = independent(SeededSubsets.heldOut(test(), 100, HELD_OUT, 0));
             CimEvaluator searched = independent(SeededSubsets.evaluation(test(), 100, 0))) {
            for (String[] row : rows) {
                List<TilePrecisions> strategy = precisions(row[6]);
                Evaluation e = heldOut.evaluate(strategy);
                long correct = e.correct();
                assertEquals(Integer.toString(HELD_OUT), row[7]);
                assertEquals(n(100.0 * correct / HELD_OUT), row[8], row[0] + ": held-out top-1 is the strategy's on"
                        + " the held-out images");
                double[] w = HeldOutAccuracy.wilson(correct / (double) HELD_OUT, HELD_OUT);
                assertEquals(n(100 * w[0]), row[9]);
                assertEquals(n(100 * w[1]), row[10]);
                assertEquals(n(100 * searched.evaluate(strategy).objectives().top1Error()), row[1],
                        row[0] + ": the main columns stay the search subset's");
                someDiffer |= !n(100 - Double.parseDouble(row[1])).equals(row[8]);
            }
        }
        assertTrue(someDiffer, "held-out and search-subset accuracies differ for some strategy: " + lines);
        Out history = AuditCommandsTest.run("history", "--id", "h1", "--type", "StrategyReevaluated", "--data-dir",
                data.toString());
        assertEquals(rows.size(), history.out().lines().count(), history.out());
        Out verify = AuditCommandsTest.run("verify", "--id", "h1", "--reevaluate", "2", "--data-dir", data.toString());
        assertEquals(0, verify.exit(), verify.out() + verify.err());
        assertTrue(verify.out().contains("re-evaluated " + Math.min(2, rows.size()) + " front re-evaluations, 0 differ"),
                verify.out());
        Out export = AuditCommandsTest.run("export", "--id", "h1", "--what", "front", "--format", "csv", "--out",
                data.resolve("export.csv").toString(), "--data-dir", data.toString());
        assertEquals(0, export.exit(), export.err());
        assertEquals(Files.readString(data.resolve("h1/front.csv")), Files.readString(data.resolve("export.csv")));
        Out jsonl = AuditCommandsTest.run("export", "--id", "h1", "--what", "front", "--format", "jsonl", "--out",
                data.resolve("front.jsonl").toString(), "--data-dir", data.toString());
        assertEquals(0, jsonl.exit(), jsonl.err());
        assertTrue(Files.readString(data.resolve("front.jsonl")).contains("\"heldout_top1_lo95\""));
        Out report = AuditCommandsTest.run("report", "--id", "h1", "--out", data.resolve("report").toString(),
                "--data-dir", data.toString());
        assertEquals(0, report.exit(), report.err());
        String page = Files.readString(data.resolve("report/index.html"));
        assertTrue(page.contains("Final front on held-out images: bitserial, " + HELD_OUT + " held-out images ("
                + rows.size() + " of " + rows.size()), page);
        assertFalse(page.contains("(searched; selection only"), "without re-scoring the search figures are reported");
    }

    @Test
    void aSearchThatCrashedDuringItsHeldOutEvaluationResumesToTheSameFront(@TempDir Path data) throws Exception {
        assertEquals(0, AuditCommandsTest.run(SearchCommandTest.args(data, "--id", "h2", "--held-out", "150")).exit());
        String before = Files.readString(data.resolve("h2/front.csv"));
        int front = (int) before.lines().count() - 1;
        assertTrue(front >= 2, "a front of at least two strategies, so one held-out evaluation can be lost: " + before);
        // What a SIGKILL after the first held-out evaluation would have left: every later one is missing.
        String url = "jdbc:h2:file:" + data.resolve("journal/journal") + ";IFEXISTS=TRUE";
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, "sa", "");
             java.sql.Statement s = c.createStatement()) {
            java.sql.ResultSet last = s.executeQuery("select max(\"sequence_number\") from \"event_journal\" where"
                    + " \"persistence_id\" = 'search|h2'");
            last.next();
            long keep = last.getLong(1) - (front - 1);
            assertEquals(front - 1, s.executeUpdate("delete from \"event_journal\" where \"persistence_id\" ="
                    + " 'search|h2' and \"sequence_number\" > " + keep));
        }
        Files.delete(data.resolve("h2/front.csv"));
        Out resumed = AuditCommandsTest.run("resume", "--id", "h2", "--data-dir", data.toString());
        assertEquals(0, resumed.exit(), resumed.err());
        assertEquals(before, Files.readString(data.resolve("h2/front.csv")));
        Out history = AuditCommandsTest.run("history", "--id", "h2", "--type", "StrategyReevaluated", "--data-dir",
                data.toString());
        assertEquals(front, history.out().lines().count(), "each front strategy held out once: " + history.out());
        assertEquals(0, AuditCommandsTest.run("verify", "--id", "h2", "--data-dir", data.toString()).exit());
    }

    @Test
    void noneKeepsThePlainFrontAndTooManyImagesAreRefused(@TempDir Path data) throws Exception {
        Out none = AuditCommandsTest.run(SearchCommandTest.args(data, "--id", "h3", "--held-out", "none"));
        assertEquals(0, none.exit(), none.err());
        assertEquals(FrontCsv.HEADER, Files.readAllLines(data.resolve("h3/front.csv")).get(0));
        Out many = AuditCommandsTest.run(SearchCommandTest.args(data, "--id", "h4", "--held-out", "9901"));
        assertEquals(1, many.exit());
        assertEquals(1, many.err().lines().count(), many.err());
        assertTrue(many.err().contains("only 9900 test images lie outside the search subset of 100"), many.err());
        Out word = AuditCommandsTest.run(SearchCommandTest.args(data, "--id", "h5", "--held-out", "most"));
        assertEquals(1, word.exit());
        assertTrue(word.err().contains("--held-out must be a positive number of images, all or none"), word.err());
    }

    private static ImageSet test() {
        DatasetCatalog catalog = DatasetCatalog.byId("fashion-mnist");
        return catalog.test(catalog.defaultDir());
    }

    /**
     * LeNet-5 on the bitserial machine with SMALL's calibration (64 training images, subset seed 0, the default
     * calibration), evaluating {@code images}: built here from the sim module, not through the search's platform.
     */
    private static CimEvaluator independent(ImageSet images) {
        DatasetCatalog catalog = DatasetCatalog.byId("fashion-mnist");
        Normalization normalization = catalog.normalization();
        ImageSet calibration = SeededSubsets.calibration(catalog.train(catalog.defaultDir()), 64, 0);
        try (TrainedModel trained = TrainedModels.load("lenet5", "fashion-mnist")) {
            return CimEvaluator.builder().setNetwork(trained.fold())
                    .setCalibrationImages(normalization.normalize(calibration, 0, calibration.size()))
                    .setEvaluationImages(normalization.normalize(images, 0, images.size()), images.labels())
                    .optFidelity(Fidelity.BITSERIAL).optTileGrouping(TileGrouping.PER_LAYER)
                    .optQuantization(QuantizationConfig.builder().optPerColumnWeightScales(true).build())
                    .optFoldInputNormalization(normalization).optPrefixCacheBytes(0).build();
        }
    }

    private static List<TilePrecisions> precisions(String column) {
        List<TilePrecisions> out = new ArrayList<>();
        for (String tile : column.split(";")) {
            String[] b = tile.split("/");
            out.add(new TilePrecisions(Integer.parseInt(b[0]), Integer.parseInt(b[1]), Integer.parseInt(b[2])));
        }
        return out;
    }

    private static String n(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
