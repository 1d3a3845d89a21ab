package org.cim2pq.persistence.query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.cim2pq.persistence.proto.SearchCompleted;
import org.cim2pq.persistence.proto.StrategyEvaluated;

/**
 * A finished search's front as CSV, computed from its journal alone: one row per front member, by ascending error:
 * {@code strategy_id,error,energy_pj,latency_ns,area_um2,tops_per_w,precisions}. The first four objectives are
 * written as journaled (error in percent); {@code precisions} lists each tile's {@code in/w/ps} bits, separated by
 * {@code ;}, as rendered by the caller's genome decoder.
 */
public final class FrontCsv {

    public static final String HEADER = "strategy_id,error,energy_pj,latency_ns,area_um2,tops_per_w,precisions";

    private FrontCsv() {}

    /** The CSV text (with header and a trailing newline), or null when the journal holds no completed search. */
    public static String render(List<Object> events, Function<String, String> precisionsOfGenome) {
        Map<String, String> genomes = Genomes.of(events);
        Map<String, StrategyEvaluated> results = new HashMap<>();
        SearchCompleted completed = null;
        for (Object e : events) {
            if (e instanceof StrategyEvaluated r) {
                results.putIfAbsent(r.getStrategyId(), r);
            } else if (e instanceof SearchCompleted c) {
                completed = c;
            }
        }
        if (completed == null) {
            return null;
        }
        List<StrategyEvaluated> rows = new ArrayList<>();
        for (String id : completed.getFrontList()) {
            rows.add(results.get(id));
        }
        rows.sort(Comparator.comparingDouble((StrategyEvaluated r) -> r.getObjectives(0))
                .thenComparing(StrategyEvaluated::getStrategyId));
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (StrategyEvaluated r : rows) {
            csv.append(r.getStrategyId());
            for (int i = 0; i < 4; i++) {
                csv.append(',').append(i < r.getObjectivesCount() ? number(r.getObjectives(i)) : "");
            }
            csv.append(',').append(number(r.getMetricsOrDefault("tops_per_w", Double.NaN)));
            csv.append(',').append(precisionsOfGenome.apply(genomes.get(r.getStrategyId()))).append('\n');
        }
        return csv.toString();
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }
}
