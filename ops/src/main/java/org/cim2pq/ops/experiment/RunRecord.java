package org.cim2pq.ops.experiment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.cim2pq.engine.genome.StrategyId;
import org.cim2pq.persistence.event.SearchEvent;
import org.cim2pq.persistence.event.SearchReadModel;
import org.cim2pq.persistence.query.HeldOutAccuracy;

/**
 * One finished run of the experiment as its journal tells it (through the one read model): every result with the
 * generation it was born in (for hypervolume against evaluations), and the reported front (the archive) with each
 * member's held-out accuracy and TOPS/W.
 *
 * @param codeVersion the cim2pq version and commit that started the search (its provenance)
 * @param evaluated results that ran on the simulator (not copies of an equal genome's result)
 */
public record RunRecord(Variant variant, int seed, String id, String codeVersion, int generations, long evaluations,
                        long evaluated, long failures, List<Result> results, List<FrontMember> front) {

    /** A result: the generation its strategy was born in and its search objectives (error %, pJ, ns, um^2). */
    public record Result(int generation, double[] objectives) {}

    /**
     * A front member: search objectives, TOPS/W (as {@code front.csv} reports it: the search result's
     * {@code tops_per_w}, energy efficiency from the energy objective and the network's operations) and held-out
     * top-1 accuracy in % with its 95% Wilson interval (NaN when the search held out no images).
     */
    public record FrontMember(String strategy, double[] objectives, double topsPerWatt, double heldOutTop1,
                              double heldOutLow95, double heldOutHigh95, int heldOutImages) {}

    public RunRecord {
        results = List.copyOf(results);
        front = List.copyOf(front);
    }

    /** The record of a finished search's read model (with history). */
    public static RunRecord of(Variant variant, int seed, SearchReadModel model) {
        if (!model.isFinished()) {
            throw new IllegalArgumentException(model.started().searchId() + " is not finished");
        }
        SearchEvent.EvaluationProtocol heldOut = model.started().reevaluations().stream()
                .filter(SearchEvent.EvaluationProtocol::isHeldOut).findFirst().orElse(null);
        List<Result> results = new ArrayList<>();
        long evaluated = 0;
        List<SearchReadModel.StrategyRecord> records = new ArrayList<>(model.strategies().values());
        records.sort(Comparator.comparing(SearchReadModel.StrategyRecord::id));
        for (SearchReadModel.StrategyRecord r : records) {
            if (r.result() != null) {
                results.add(new Result(r.id().generation(), r.result().objectives().values()));
                evaluated += r.result().copiedFrom() == null ? 1 : 0;
            }
        }
        List<FrontMember> front = new ArrayList<>();
        for (StrategyId id : model.completed().front()) {
            SearchEvent.StrategyEvaluated r = model.strategies().get(id).result();
            double top1 = Double.NaN;
            double lo = Double.NaN;
            double hi = Double.NaN;
            int images = 0;
            if (heldOut != null) {
                HeldOutAccuracy a = HeldOutAccuracy.of(model.reevaluation(heldOut, id));
                top1 = a.top1();
                lo = a.low95();
                hi = a.high95();
                images = a.images();
            }
            front.add(new FrontMember(id.toString(), r.objectives().values(), r.metric("tops_per_w"), top1, lo, hi,
                    images));
        }
        front.sort(Comparator.comparingDouble((FrontMember m) -> m.objectives()[0]).thenComparing(FrontMember::strategy));
        SearchEvent.SearchStarted s = model.started();
        return new RunRecord(variant, seed, s.searchId(), s.provenance().getCodeVersion(), s.generations(),
                model.progress().evaluations(), evaluated, model.failures(), results, front);
    }

    /** The objectives of the strategies born up to generation {@code g} (the archive then is their non-dominated set). */
    public double[][] objectivesUpTo(int g) {
        return results.stream().filter(r -> r.generation() <= g).map(Result::objectives).toArray(double[][]::new);
    }

    /** Results born up to generation {@code g}: the evaluations spent when its selection ran. */
    public long evaluationsUpTo(int g) {
        return results.stream().filter(r -> r.generation() <= g).count();
    }

    public double[][] frontObjectives() {
        return front.stream().map(FrontMember::objectives).toArray(double[][]::new);
    }
}
