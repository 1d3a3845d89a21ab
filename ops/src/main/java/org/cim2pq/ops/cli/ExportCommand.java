package org.cim2pq.ops.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.cim2pq.actors.search.PrecisionColumn;
import org.cim2pq.engine.space.CimSearchSpace;
import org.cim2pq.ops.audit.ReadOnlyJournal;
import org.cim2pq.ops.input.UserError;
import org.cim2pq.ops.search.PlatformModels;
import org.cim2pq.ops.search.SearchRequest;
import org.cim2pq.ops.setup.DataDir;
import org.cim2pq.persistence.proto.BornStrategy;
import org.cim2pq.persistence.proto.CrossoverApplied;
import org.cim2pq.persistence.proto.EvaluationFailed;
import org.cim2pq.persistence.proto.GenerationStarted;
import org.cim2pq.persistence.proto.MutationApplied;
import org.cim2pq.persistence.proto.PopulationInitialized;
import org.cim2pq.persistence.proto.SearchStarted;
import org.cim2pq.persistence.proto.SelectionApplied;
import org.cim2pq.persistence.proto.StrategyEvaluated;
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
    String what = "front";

    @Option(names = "--format", paramLabel = "csv|jsonl", description = "Output format (default: ${DEFAULT-VALUE}).")
    String format = "csv";

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write.")
    Path out;

    @Mixin
    ReadOptions read;

    @Override
    public Integer call() {
        String w = what.toLowerCase(Locale.ROOT);
        String f = format.toLowerCase(Locale.ROOT);
        if (!List.of("front", "all", "generations").contains(w)) {
            throw new UserError("--what must be front, all or generations, got '" + what + "'");
        }
        if (!f.equals("csv") && !f.equals("jsonl")) {
            throw new UserError("--format must be csv or jsonl, got '" + format + "'");
        }
        List<Object> events;
        SearchStarted started;
        try (ReadOnlyJournal journal = read.open()) {
            started = journal.started(id);
            events = journal.events(id);
        }
        String text;
        if (w.equals("generations")) {
            text = render(generations(events), f);
        } else {
            CimSearchSpace space = space(started);
            if (w.equals("front") && f.equals("csv")) {
                text = FrontCsv.render(events, g -> PrecisionColumn.render(space, g));
                if (text == null) {
                    throw new UserError("search '" + id + "' has not completed: no front yet (export --what all)");
                }
            } else {
                List<Map<String, Object>> rows = strategies(events, space);
                if (w.equals("front")) {
                    List<String> front = events.stream().filter(org.cim2pq.persistence.proto.SearchCompleted.class::isInstance)
                            .map(e -> ((org.cim2pq.persistence.proto.SearchCompleted) e).getFrontList()).findFirst()
                            .orElseThrow(() -> new UserError("search '" + id + "' has not completed: no front yet"));
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

    private static CimSearchSpace space(SearchStarted started) {
        SearchRequest request = SearchRequest.fromJson(started.getSearchId(), started.getProvenance().getConfig());
        PlatformModels catalog = new PlatformModels();
        catalog.validate(request);
        return catalog.open(request).space();
    }

    /** Every bred strategy: origin, parents, objectives or failure, precisions. */
    private static List<Map<String, Object>> strategies(List<Object> events, CimSearchSpace space) {
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        Map<String, CrossoverApplied> crossovers = new HashMap<>();
        for (Object e : events) {
            if (e instanceof PopulationInitialized p) {
                for (BornStrategy b : p.getStrategiesList()) {
                    rows.put(b.getStrategyId(), row(b.getStrategyId(), 0, b.getOrigin(), "", "", b.getGenome(), space));
                }
            } else if (e instanceof CrossoverApplied c) {
                crossovers.put(c.getChildId(), c);
            } else if (e instanceof MutationApplied m) {
                CrossoverApplied c = crossovers.get(m.getChildId());
                rows.put(m.getChildId(), row(m.getChildId(), m.getGeneration(), "offspring",
                        c == null ? "" : c.getFirstParent() + " " + c.getSecondParent(), c == null ? "" : c.getMask(),
                        m.getGenome(), space));
            } else if (e instanceof StrategyEvaluated r && rows.containsKey(r.getStrategyId())) {
                Map<String, Object> row = rows.get(r.getStrategyId());
                String[] names = {"error", "energy_pj", "latency_ns", "area_um2"};
                for (int i = 0; i < Math.min(4, r.getObjectivesCount()); i++) {
                    row.put(names[i], r.getObjectives(i));
                }
                row.put("tops_per_w", r.getMetricsOrDefault("tops_per_w", Double.NaN));
                row.put("status", "evaluated");
            } else if (e instanceof EvaluationFailed f && rows.containsKey(f.getStrategyId())) {
                rows.get(f.getStrategyId()).put("status", "failed: " + f.getReason());
            }
        }
        return new ArrayList<>(rows.values());
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

    /** One row per generation: mutation probability, survivors, quota members, hypervolume. */
    private static List<Map<String, Object>> generations(List<Object> events) {
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<Integer, Double> probability = new HashMap<>();
        for (Object e : events) {
            if (e instanceof GenerationStarted g) {
                probability.put(g.getGeneration(), g.getMutationProbability());
            } else if (e instanceof SelectionApplied s) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("generation", s.getGeneration());
                row.put("mutation_probability", probability.getOrDefault(s.getGeneration(), Double.NaN));
                row.put("candidates", s.getFatesCount());
                row.put("survivors", s.getSurvivorsCount());
                row.put("first_front", s.getFatesList().stream().filter(f -> f.getFront() == 0).count());
                row.put("quota_members", s.getFatesList().stream().filter(f -> f.getQuotaMember()).count());
                row.put("hypervolume", s.getHypervolume());
                rows.add(row);
            }
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
