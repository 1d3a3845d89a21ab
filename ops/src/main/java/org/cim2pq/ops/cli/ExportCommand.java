package org.cim2pq.ops.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.cim2pq.actors.search.PrecisionColumn;
import org.cim2pq.engine.space.CimSearchSpace;
import org.cim2pq.ops.audit.ReadOnlyJournal;
import org.cim2pq.ops.input.Choices;
import org.cim2pq.ops.input.UserError;
import org.cim2pq.ops.setup.DataDir;
import org.cim2pq.ops.audit.JournaledSpace;
import org.cim2pq.engine.selection.CandidateFate;
import org.cim2pq.persistence.event.SearchEvent;
import org.cim2pq.persistence.event.SearchReadModel;
import org.cim2pq.persistence.query.FrontCsv;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cim2pq export}: a search's front, all its strategies, or its generations, as CSV or JSON lines, from the
 * journal alone. The front export is byte for byte the {@code front.csv} the search wrote.
 */
@Command(name = "export", mixinStandardHelpOptions = true, description = "Export a search's front, strategies or generations.")
final class ExportCommand implements Callable<Integer> {

    @Option(names = "--id", required = true, paramLabel = "ID", description = "The search.")
    String id;

    @Option(names = "--what", paramLabel = "front|all|generations", description = "What to export (default: ${DEFAULT-VALUE}).")
    What what = What.FRONT;

    @Option(names = "--format", paramLabel = "csv|jsonl", description = "Output format (default: ${DEFAULT-VALUE}).")
    Format format = Format.CSV;

    /** What an export holds. */
    enum What { FRONT, ALL, GENERATIONS }

    /** How it is written. */
    enum Format { CSV, JSONL }

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write.")
    Path out;

    @Mixin
    ReadOptions read;

    @Override
    public Integer call() {
        String w = Choices.name(what);
        String f = Choices.name(format);
        SearchReadModel model;
        try (ReadOnlyJournal journal = read.open()) {
            journal.started(id);
            model = journal.model(id);
        }
        String text;
        if (w.equals("generations")) {
            text = render(generations(model), f);
        } else {
            CimSearchSpace space = JournaledSpace.of(model.started());
            if (w.equals("front") && f.equals("csv")) {
                text = FrontCsv.render(model, g -> PrecisionColumn.render(space, g));
                if (text == null) {
                    throw new UserError("search '" + id + "' has not completed" + (model.isCompleted()
                            ? " the re-evaluation of its front" : "") + ": no front yet (export --what all)");
                }
            } else {
                List<Map<String, Object>> rows = strategies(model, space);
                if (w.equals("front")) {
                    if (!model.isFinished()) {
                        throw new UserError("search '" + id + "' has not completed" + (model.isCompleted()
                                ? " the re-evaluation of its front" : "") + ": no front yet");
                    }
                    List<String> front = model.completed().front().stream().map(Object::toString).toList();
                    rows.removeIf(r -> !front.contains((String) r.get("strategy_id")));
                }
                text = render(rows, f);
            }
        }
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(out, text);
        } catch (IOException e) {
            throw new UserError("cannot write " + out + " (" + DataDir.reason(e) + ")", e);
        }
        System.out.println("export " + id + ": " + w + " as " + f + " -> " + out);
        return 0;
    }

    /** Every bred strategy: origin, parents, objectives or failure, precisions. */
    private static List<Map<String, Object>> strategies(SearchReadModel model, CimSearchSpace space) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SearchReadModel.StrategyRecord s : model.strategies().values()) {
            SearchEvent.CrossoverApplied c = s.crossover();
            Map<String, Object> row = row(s.id().toString(), s.id().generation(), s.origin(),
                    c == null ? "" : c.firstParent() + " " + c.secondParent(), c == null ? "" : c.mask().toString(),
                    s.genome().encode(), space);
            if (s.result() != null) {
                String[] names = {"error", "energy_pj", "latency_ns", "area_um2"};
                for (int i = 0; i < Math.min(4, s.result().objectives().size()); i++) {
                    row.put(names[i], s.result().objectives().get(i));
                }
                row.put("tops_per_w", s.result().metric("tops_per_w"));
                row.put("status", "evaluated");
            } else if (s.failure() != null) {
                row.put("status", "failed: " + s.failure().reason());
            }
            // The figures above are the searched machine's; a re-evaluated front adds each protocol's, labelled.
            List<SearchEvent.EvaluationProtocol> protocols = model.started().reevaluations();
            if (!protocols.isEmpty()) {
                row.put("machine", model.started().machine());
            }
            for (SearchEvent.EvaluationProtocol p : protocols) {
                SearchEvent.StrategyReevaluated r = model.reevaluation(p, s.id());
                if (p.isHeldOut()) {
                    // As front.csv: held-out top-1 accuracy (percent) with its 95% Wilson interval, spread under noise.
                    org.cim2pq.persistence.query.HeldOutAccuracy a = r == null ? null
                            : org.cim2pq.persistence.query.HeldOutAccuracy.of(r);
                    row.put("heldout_images", p.imageCount());
                    row.put("heldout_top1", a == null ? Double.NaN : a.top1());
                    row.put("heldout_top1_lo95", a == null ? Double.NaN : a.low95());
                    row.put("heldout_top1_hi95", a == null ? Double.NaN : a.high95());
                    if (!p.noiseProfile().isEmpty()) {
                        row.put("heldout_top1_std", a == null ? Double.NaN : a.std());
                        row.put("heldout_top1_min", a == null ? Double.NaN : a.min());
                        row.put("heldout_top1_max", a == null ? Double.NaN : a.max());
                    }
                    continue;
                }
                String[] names = {"error", "energy_pj", "latency_ns", "area_um2"};
                for (int i = 0; i < names.length; i++) {
                    row.put(p.key() + "_" + names[i], r == null || i >= r.objectives().size() ? Double.NaN
                            : r.objectives().get(i));
                }
                row.put(p.key() + "_tops_per_w", r == null ? Double.NaN : r.metric("tops_per_w"));
                row.put(p.key() + "_label", r == null ? "" : p.label(model.started().machine()));
            }
            rows.add(row);
        }
        return rows;
    }

    private static Map<String, Object> row(String id, int generation, String origin, String parents, String mask,
            String genome, CimSearchSpace space) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("strategy_id", id);
        row.put("generation", generation);
        row.put("origin", origin);
        row.put("parents", parents);
        row.put("mask", mask);
        for (String k : List.of("error", "energy_pj", "latency_ns", "area_um2", "tops_per_w")) {
            row.put(k, Double.NaN);
        }
        row.put("status", "pending");
        row.put("precisions", PrecisionColumn.render(space, genome));
        return row;
    }

    /** One row per selected generation: mutation probability, survivors, quota members, hypervolume. */
    private static List<Map<String, Object>> generations(SearchReadModel model) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SearchReadModel.Generation g : model.generations()) {
            SearchEvent.SelectionApplied s = g.selection();
            if (s == null) {
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("generation", s.generation());
            row.put("mutation_probability", g.started() == null ? Double.NaN : g.started().mutationProbability());
            row.put("candidates", s.fates().size());
            row.put("survivors", s.survivors().size());
            row.put("first_front", s.fates().stream().filter(f -> f.front() == 0).count());
            row.put("quota_members", s.fates().stream().filter(CandidateFate::quotaMember).count());
            row.put("hypervolume", s.hypervolume());
            rows.add(row);
        }
        return rows;
    }

    private static String render(List<Map<String, Object>> rows, String format) {
        StringBuilder s = new StringBuilder();
        if (format.equals("csv")) {
            if (!rows.isEmpty()) {
                s.append(String.join(",", rows.get(0).keySet())).append('\n');
            }
            for (Map<String, Object> r : rows) {
                List<String> cells = new ArrayList<>();
                r.values().forEach(v -> cells.add(csv(v)));
                s.append(String.join(",", cells)).append('\n');
            }
        } else {
            for (Map<String, Object> r : rows) {
                List<String> fields = new ArrayList<>();
                r.forEach((k, v) -> fields.add("\"" + k + "\":" + json(v)));
                s.append('{').append(String.join(",", fields)).append("}\n");
            }
        }
        return s.toString();
    }

    private static String csv(Object v) {
        if (v instanceof Double d) {
            return d.isNaN() ? "" : String.format(Locale.ROOT, "%.6g", d);
        }
        String text = String.valueOf(v);
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    private static String json(Object v) {
        if (v instanceof Double d) {
            return d.isNaN() ? "null" : String.format(Locale.ROOT, "%.10g", d);
        }
        if (v instanceof Number n) {
            return n.toString();
        }
        return "\"" + String.valueOf(v).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
