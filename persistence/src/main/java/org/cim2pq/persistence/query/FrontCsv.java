package org.cim2pq.persistence.query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.cim2pq.engine.genome.StrategyId;
import org.cim2pq.engine.problem.Objectives;
import org.cim2pq.persistence.event.SearchEvent;
import org.cim2pq.persistence.event.SearchReadModel;

/**
 * A finished search's front as CSV, computed from its journal alone: one row per front member, by ascending error:
 * {@code strategy_id,error,energy_pj,latency_ns,area_um2,tops_per_w,precisions}. The first four objectives are
 * written as journaled (error in percent); {@code precisions} lists each tile's {@code in/w/ps} bits, separated by
 * {@code ;}, as rendered by the caller's genome decoder.
 *
 * <p>A search whose front was re-scored on another machine (a psum search standing in for the bitserial machine,
 * METHOD.md section 2) reports that machine's figures: the main columns are the re-scored ones (rows by their
 * error), a {@code machine} column labels them (e.g. {@code bitserial (re-scored; searched on psum)}), and the
 * figures of the machine it was searched on follow, prefixed by its name ({@code psum_error, ...}). The front
 * re-evaluated on the held-out images (METHOD.md section 5) adds {@code heldout_images, heldout_top1,
 * heldout_top1_lo95, heldout_top1_hi95} (accuracy in percent with its 95% Wilson interval, {@link HeldOutAccuracy}),
 * under a noise profile also {@code heldout_top1_std, heldout_top1_min, heldout_top1_max} over the draws; the main
 * columns stay the search subset's. Other re-evaluations add their own prefixed columns. A search without
 * re-evaluations keeps the plain header.
 */
public final class FrontCsv {

    public static final String HEADER = "strategy_id,error,energy_pj,latency_ns,area_um2,tops_per_w,precisions";
    private static final List<String> FIGURES = List.of("error", "energy_pj", "latency_ns", "area_um2", "tops_per_w");

    private FrontCsv() {}

    /** The CSV text (with header and a trailing newline), or null when the journal holds no completed search. */
    public static String render(List<?> events, Function<String, String> precisionsOfGenome) {
        return render(SearchReadModel.of(events), precisionsOfGenome);
    }

    /** The CSV text, or null until the search and every re-evaluation it asks for are journaled. */
    public static String render(SearchReadModel model, Function<String, String> precisionsOfGenome) {
        if (!model.isFinished()) {
            return null;
        }
        List<SearchEvent.EvaluationProtocol> protocols = model.started().reevaluations();
        SearchEvent.EvaluationProtocol reported = protocols.stream().filter(p -> p.rescores(model.started()))
                .findFirst().orElse(null);
        SearchEvent.EvaluationProtocol heldOut = protocols.stream().filter(SearchEvent.EvaluationProtocol::isHeldOut)
                .findFirst().orElse(null);
        List<SearchEvent.EvaluationProtocol> extra = protocols.stream()
                .filter(p -> !p.equals(reported) && !p.equals(heldOut)).toList();
        List<SearchReadModel.StrategyRecord> rows = new ArrayList<>();
        for (StrategyId id : model.completed().front()) {
            rows.add(model.strategies().get(id));
        }
        rows.sort(Comparator.comparingDouble((SearchReadModel.StrategyRecord r) ->
                        reportedObjectives(model, reported, r).get(0)).thenComparing(r -> r.id().toString()));
        StringBuilder csv = new StringBuilder(HEADER);
        if (reported != null) {
            csv.append(",machine");
            FIGURES.forEach(f -> csv.append(',').append(model.started().machine()).append('_').append(f));
        }
        extra.forEach(p -> FIGURES.forEach(f -> csv.append(',').append(p.key()).append('_').append(f)));
        if (heldOut != null) {
            csv.append(",heldout_images,heldout_top1,heldout_top1_lo95,heldout_top1_hi95");
            if (noisy(heldOut)) {
                csv.append(",heldout_top1_std,heldout_top1_min,heldout_top1_max");
            }
        }
        csv.append('\n');
        for (SearchReadModel.StrategyRecord row : rows) {
            SearchEvent.StrategyEvaluated searched = row.result();
            csv.append(row.id());
            if (reported == null) {
                figures(csv, searched.objectives(), searched.metric("tops_per_w"));
            } else {
                SearchEvent.StrategyReevaluated r = model.reevaluation(reported, row.id());
                figures(csv, r.objectives(), r.metric("tops_per_w"));
            }
            csv.append(',').append(precisionsOfGenome.apply(row.genome().encode()));
            if (reported != null) {
                csv.append(',').append(reported.label(model.started().machine()));
                figures(csv, searched.objectives(), searched.metric("tops_per_w"));
            }
            for (SearchEvent.EvaluationProtocol p : extra) {
                SearchEvent.StrategyReevaluated r = model.reevaluation(p, row.id());
                figures(csv, r.objectives(), r.metric("tops_per_w"));
            }
            if (heldOut != null) {
                HeldOutAccuracy a = HeldOutAccuracy.of(model.reevaluation(heldOut, row.id()));
                csv.append(',').append(a.images()).append(',').append(number(a.top1())).append(',')
                        .append(number(a.low95())).append(',').append(number(a.high95()));
                if (noisy(heldOut)) {
                    csv.append(',').append(number(a.std())).append(',').append(number(a.min())).append(',')
                            .append(number(a.max()));
                }
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    private static boolean noisy(SearchEvent.EvaluationProtocol p) {
        return !p.noiseProfile().isEmpty();
    }

    private static Objectives reportedObjectives(SearchReadModel model, SearchEvent.EvaluationProtocol reported,
            SearchReadModel.StrategyRecord r) {
        return reported == null ? r.result().objectives() : model.reevaluation(reported, r.id()).objectives();
    }

    private static void figures(StringBuilder csv, Objectives objectives, double topsPerWatt) {
        for (int i = 0; i < 4; i++) {
            csv.append(',').append(i < objectives.size() ? number(objectives.get(i)) : "");
        }
        csv.append(',').append(number(topsPerWatt));
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }
}
