package org.cim2pq.persistence.query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.cim2pq.engine.genome.StrategyId;
import org.cim2pq.persistence.event.SearchEvent;
import org.cim2pq.persistence.event.SearchReadModel;

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
    public static String render(List<?> events, Function<String, String> precisionsOfGenome) {
        return render(SearchReadModel.of(events), precisionsOfGenome);
    }

    public static String render(SearchReadModel model, Function<String, String> precisionsOfGenome) {
        if (!model.isCompleted()) {
            return null;
        }
        List<SearchReadModel.StrategyRecord> rows = new ArrayList<>();
        for (StrategyId id : model.completed().front()) {
            rows.add(model.strategies().get(id));
        }
        rows.sort(Comparator.comparingDouble((SearchReadModel.StrategyRecord r) -> r.result().objectives().get(0))
                .thenComparing(r -> r.id().toString()));
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (SearchReadModel.StrategyRecord row : rows) {
            SearchEvent.StrategyEvaluated r = row.result();
            csv.append(r.id());
            for (int i = 0; i < 4; i++) {
                csv.append(',').append(i < r.objectives().size() ? number(r.objectives().get(i)) : "");
            }
            csv.append(',').append(number(r.metric("tops_per_w")));
            csv.append(',').append(precisionsOfGenome.apply(row.genome().encode())).append('\n');
        }
        return csv.toString();
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }
}
