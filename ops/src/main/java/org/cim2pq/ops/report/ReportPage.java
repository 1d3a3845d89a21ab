package org.cim2pq.ops.report;


import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cim2pq.engine.search.SearchMethod;
import org.cim2pq.persistence.proto.Provenance;
import org.cim2pq.persistence.proto.SearchStarted;
import org.cim2pq.persistence.proto.StrategyEvaluated;

/** The report's HTML page: status, provenance, the plots (as files next to it) and the front as a table. */
public final class ReportPage {

    public static final String FILE = "index.html";

    private ReportPage() {}

    /**
     * @param status e.g. "completed after 3 generations", "running (generation 2)"
     * @param plots image file name to caption, in page order
     * @param notes anything the reader should know about what is missing (may be empty)
     * @param journal where the events were read, e.g. the H2 file or the Cassandra contact point
     */
    public static Path write(SearchHistory history, String status, String journal, String reportVersion,
            Map<String, String> plots, List<String> notes, Path dir) throws IOException {
        SearchStarted s = history.started();
        Provenance p = s.getProvenance();
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>cim2pq report: ")
                .append(esc(s.getSearchId())).append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}\n")
                .append("table{border-collapse:collapse;margin:0.5em 0 1.5em}td,th{border:1px solid #ccc;")
                .append("padding:3px 8px;text-align:left;vertical-align:top}th{background:#f3f3f3}\n")
                .append("td.n{text-align:right;font-variant-numeric:tabular-nums}code{font-size:90%;overflow-wrap:anywhere}\n")
                .append("img{max-width:100%;border:1px solid #ddd;margin:0.5em 0}figure{margin:0 0 1.5em}\n")
                .append(".status{font-size:120%;font-weight:bold}.note{color:#a33}\n</style></head><body>\n");
        h.append("<h1>cim2pq search <code>").append(esc(s.getSearchId())).append("</code></h1>\n");
        h.append("<p class=\"status\">Status: ").append(esc(status)).append("</p>\n");
        for (String n : notes) {
            h.append("<p class=\"note\">").append(esc(n)).append("</p>\n");
        }

        h.append("<h2>Provenance</h2>\n<table>\n");
        row(h, "search id", s.getSearchId());
        row(h, "status", status);
        row(h, "model", p.getModel());
        row(h, "model fingerprint", p.getModelFingerprint());
        row(h, "dataset", p.getDataset());
        row(h, "data fingerprint", p.getDataFingerprint());
        row(h, "search-space fingerprint", s.getSearchSpaceFingerprint());
        row(h, "seed", Long.toUnsignedString(p.getSeed()));
        row(h, "config", p.getConfig());
        row(h, "code version (search)", p.getCodeVersion());
        row(h, "code version (report)", reportVersion);
        row(h, "journal", journal);
        row(h, "started", Instant.ofEpochMilli(s.getStartedAtEpochMs()).toString());
        row(h, "search space", s.getUnits() + " " + s.getGranularity() + " units, " + s.getGenes() + " genes");
        row(h, "objectives", String.join(", ", s.getObjectivesList()));
        row(h, "selection", s.getSelection() + String.format(Locale.ROOT, " (quota %s, accuracy tolerance %s points)",
                num(s.getQuota()), num(s.getAccuracyTolerance())));
        row(h, "population", Integer.toString(s.getPopulation()));
        row(h, "generations", history.generation() + " of " + s.getGenerations());
        row(h, "evaluations", Integer.toString(history.results().size()));
        row(h, "failures", history.failures().isEmpty() ? "0" : history.failures().size() + ": "
                + String.join("; ", history.failures().entrySet().stream().limit(5)
                        .map(e -> e.getKey() + " (" + e.getValue() + ")").toList())
                + (history.failures().size() > 5 ? "; ..." : ""));
        row(h, "pinned layers", s.getSpace().getPinsCount() == 0 ? "none" : String.join(", ", s.getSpace().getPinsList()
                .stream().map(pin -> "layer " + pin.getLayerIndex() + " at " + pin.getInputBits() + "/"
                        + pin.getWeightBits() + "/" + pin.getPartialSumBits() + " bits").toList()));
        List<SensitivityChart.LayerSensitivity> sensitivity = SensitivityChart.layers(s.getSpace());
        row(h, "mutation bias", sensitivity.isEmpty() ? "none (no sensitivity measured)"
                : "measured sensitivity of " + s.getSpace().getTileSensitivityCount() + " tiles (below)");
        h.append("</table>\n");
        if (!sensitivity.isEmpty()) {
            h.append("<h2>Measured sensitivity per layer</h2>\n<p>Mean divergence (nats) of the network's outputs on the"
                    + " calibration images when one tile of the layer alone is lowered from 8 to 4 bits.</p>\n<table>\n"
                    + "<tr><th>layer</th><th>tiles</th><th>mean</th><th>largest</th></tr>\n");
            for (SensitivityChart.LayerSensitivity l : sensitivity) {
                h.append("<tr><td>").append(esc(l.layer())).append("</td><td class=\"n\">").append(l.tiles())
                        .append("</td><td class=\"n\">").append(String.format(Locale.ROOT, "%.3g", l.mean()))
                        .append("</td><td class=\"n\">").append(String.format(Locale.ROOT, "%.3g", l.max()))
                        .append("</td></tr>\n");
            }
            h.append("</table>\n");
        }

        h.append("<h2>Plots</h2>\n");
        for (Map.Entry<String, String> plot : plots.entrySet()) {
            h.append("<figure><img src=\"").append(esc(plot.getKey())).append("\" alt=\"").append(esc(plot.getValue()))
                    .append("\"><figcaption>").append(esc(plot.getValue())).append("</figcaption></figure>\n");
        }

        List<String> front = history.front();
        String machine = history.machine().isEmpty() ? "" : ", on the " + history.machine() + " machine";
        // A front re-scored on another machine is reported as that machine's, first (METHOD.md section 2).
        for (org.cim2pq.persistence.event.SearchEvent.EvaluationProtocol protocol : history.protocols()) {
            List<org.cim2pq.persistence.event.SearchEvent.StrategyReevaluated> rows = history.reevaluations().stream()
                    .filter(r -> r.protocol().equals(protocol))
                    .sorted(java.util.Comparator.comparingDouble(r -> r.objectives().get(0))).toList();
            if (protocol.isHeldOut()) {
                heldOutTable(h, history, protocol, rows, front.size());
                continue;
            }
            h.append("<h2>Final front: ").append(esc(protocol.label(history.machine()))).append(" (")
                    .append(rows.size()).append(" of ").append(front.size()).append(" strategies, by error)</h2>\n");
            tableHead(h);
            rows.forEach(r -> tableRow(h, history, r.id().toString(), r.objectives().values(), r.metric("tops_per_w")));
            h.append("</table>\n");
        }
        boolean archive = SearchMethod.of(history.started().getMethodRevision()).reportsArchive();
        h.append("<h2>").append(history.completed() ? "Final front" : "Front so far").append(esc(machine))
                .append(history.protocols().stream().noneMatch(q -> !q.isHeldOut()
                        && !q.machine().equals(history.machine())) ? "" : " (searched; selection only, not the reported figures)")
                .append(" (").append(front.size()).append(" strategies, by error; ")
                .append(archive ? "the non-dominated set of every strategy evaluated"
                        : "the last population's first front").append(")</h2>\n");
        table(h, history, front);
        if (archive && history.completed() && !history.lastPopulationFront().equals(front)) {
            h.append("<h2>Last population's first front (").append(history.lastPopulationFront().size())
                    .append(" strategies)</h2>\n");
            table(h, history, history.lastPopulationFront());
        }
        // The uniform strategies are the baseline: what one precision everywhere achieves.
        h.append("<h2>Initial uniform strategies").append(esc(machine)).append("</h2>\n");
        table(h, history, history.uniform().stream().map(SearchHistory.Strategy::id).toList());
        h.append("<p>Generated by <code>cim2pq report</code> from the journal alone.</p>\n</body></html>\n");
        Path file = dir.resolve(FILE);
        Files.writeString(file, h);
        return file;
    }

    /**
     * The front on the held-out images (METHOD.md section 5) beside its search-subset accuracy on the same machine
     * (the re-scored one when the front was re-scored): the gap is the optimism of selecting on the search subset.
     */
    private static void heldOutTable(StringBuilder h, SearchHistory history,
            org.cim2pq.persistence.event.SearchEvent.EvaluationProtocol protocol,
            List<org.cim2pq.persistence.event.SearchEvent.StrategyReevaluated> rows, int frontSize) {
        boolean noisy = !protocol.noiseProfile().isEmpty();
        org.cim2pq.persistence.event.SearchEvent.EvaluationProtocol searchImages = history.protocols().stream()
                .filter(p -> !p.isHeldOut() && p.machine().equals(protocol.machine())).findFirst().orElse(null);
        h.append("<h2>Final front on held-out images: ").append(esc(protocol.label(history.machine()))).append(" (")
                .append(rows.size()).append(" of ").append(frontSize)
                .append(" strategies, by held-out error; 95% Wilson interval")
                .append(noisy ? ", mean and spread over the noise draws" : "").append(")</h2>\n");
        h.append("<table>\n<tr><th>strategy</th><th>origin</th><th>search-subset top-1 (%)</th>")
                .append("<th>held-out top-1 (%)</th><th>95% interval</th>")
                .append(noisy ? "<th>std over draws</th><th>min</th><th>max</th>" : "")
                .append("<th>TOPS/W</th></tr>\n");
        for (org.cim2pq.persistence.event.SearchEvent.StrategyReevaluated r : rows) {
            String id = r.id().toString();
            double searchError = searchImages == null ? history.result(id).getObjectives(0)
                    : history.reevaluations().stream().filter(x -> x.protocol().equals(searchImages)
                            && x.id().equals(r.id())).mapToDouble(x -> x.objectives().get(0)).findFirst().orElse(Double.NaN);
            org.cim2pq.persistence.query.HeldOutAccuracy a = org.cim2pq.persistence.query.HeldOutAccuracy.of(r);
            h.append("<tr><td>").append(esc(id)).append("</td><td>").append(esc(history.strategies().get(id).origin()))
                    .append("</td><td class=\"n\">").append(num(100 - searchError)).append("</td><td class=\"n\">")
                    .append(num(a.top1())).append("</td><td class=\"n\">[").append(num(a.low95())).append(", ")
                    .append(num(a.high95())).append("]</td>");
            if (noisy) {
                h.append("<td class=\"n\">").append(num(a.std())).append("</td><td class=\"n\">").append(num(a.min()))
                        .append("</td><td class=\"n\">").append(num(a.max())).append("</td>");
            }
            h.append("<td class=\"n\">").append(num(r.metric("tops_per_w"))).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void table(StringBuilder h, SearchHistory history, List<String> ids) {
        tableHead(h);
        for (String id : ids) {
            StrategyEvaluated r = history.result(id);
            tableRow(h, history, id, r.getObjectivesList().stream().mapToDouble(Double::doubleValue).toArray(),
                    r.getMetricsOrDefault("tops_per_w", Double.NaN));
        }
        h.append("</table>\n");
    }

    private static void tableHead(StringBuilder h) {
        h.append("<table>\n<tr><th>strategy</th><th>origin</th><th>error (%)</th><th>energy (pJ)</th>")
                .append("<th>latency (ns)</th><th>area (\u00b5m\u00b2)</th><th>TOPS/W</th></tr>\n");
    }

    private static void tableRow(StringBuilder h, SearchHistory history, String id, double[] objectives,
            double topsPerWatt) {
        h.append("<tr><td>").append(esc(id)).append("</td><td>").append(esc(history.strategies().get(id).origin()))
                .append("</td>");
        for (int i = 0; i < 4; i++) {
            h.append("<td class=\"n\">").append(i < objectives.length ? num(objectives[i]) : "").append("</td>");
        }
        h.append("<td class=\"n\">").append(num(topsPerWatt)).append("</td></tr>\n");
    }

    private static void row(StringBuilder h, String name, String value) {
        h.append("<tr><th>").append(esc(name)).append("</th><td><code>").append(esc(value)).append("</code></td></tr>\n");
    }

    private static String num(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        return Math.abs(v) >= 1000 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.4g", v);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
