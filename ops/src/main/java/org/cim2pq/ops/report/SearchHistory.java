package org.cim2pq.ops.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cim2pq.persistence.event.SearchEvent;
import org.cim2pq.persistence.event.SearchEventCodec;
import org.cim2pq.persistence.event.SearchReadModel;
import org.cim2pq.persistence.proto.CandidateFate;
import org.cim2pq.persistence.proto.SearchCompleted;
import org.cim2pq.persistence.proto.SearchStarted;
import org.cim2pq.persistence.proto.SelectionApplied;
import org.cim2pq.persistence.proto.StrategyEvaluated;

/**
 * One search's journal folded into what the report shows: every strategy with its genome and origin, every
 * evaluation, the failures, the hypervolume of each selection, and the front (the final one, or the latest
 * selection's while the search has not completed). Works on any prefix of a journal, so a running search can be
 * reported too.
 */
public final class SearchHistory {

    /** A strategy as it was born: {@code origin} is "uniform-8", "random" or "offspring". */
    public record Strategy(String id, int generation, String genome, String origin) {}

    /** The hypervolume (normalised) of one generation's selected first front. */
    public record Hypervolume(int generation, double value) {}

    private final SearchStarted started;
    private final Map<String, Strategy> strategies = new LinkedHashMap<>();
    private final Map<String, StrategyEvaluated> results = new LinkedHashMap<>();
    private final Map<String, String> failures = new LinkedHashMap<>();
    private final List<Hypervolume> hypervolumes = new ArrayList<>();
    private SelectionApplied latestSelection;
    private SearchCompleted completed;
    private int generation;
    private List<String> front;
    private List<String> archive;
    private final List<SearchEvent.StrategyReevaluated> reevaluations = new ArrayList<>();

    private SearchHistory(SearchStarted started) {
        this.started = started;
    }

    /** Folds a search's events, journal order (through the one read model); the first must be its SearchStarted. */
    public static SearchHistory fold(List<Object> events) {
        SearchReadModel model = SearchReadModel.withHistory();
        for (Object e : events) {
            model.apply(SearchEventCodec.decode(e));
            if (!model.isStarted()) {
                throw new IllegalArgumentException("a search's journal begins with SearchStarted");
            }
        }
        if (!model.isStarted()) {
            throw new IllegalArgumentException("a search's journal begins with SearchStarted");
        }
        SearchHistory h = new SearchHistory((SearchStarted) SearchEventCodec.encode(model.started()));
        for (SearchReadModel.StrategyRecord r : model.strategies().values()) {
            String id = r.id().toString();
            h.strategies.put(id, new Strategy(id, r.id().generation(), r.genome().encode(), r.origin()));
        }
        // Results in journal order (a retry's second result is never recorded: the first is what decisions used).
        model.strategies().values().stream().filter(r -> r.result() != null)
                .sorted(java.util.Comparator.comparingLong(r -> r.resultSequence()))
                .forEach(r -> h.results.put(r.id().toString(), SearchEventCodec.encodeResult(r.result())));
        model.strategies().values().stream().filter(r -> r.failure() != null)
                .forEach(r -> h.failures.put(r.id().toString(), r.failure().reason()));
        for (SearchReadModel.Generation g : model.generations()) {
            if (g.selection() != null) {
                h.latestSelection = (SelectionApplied) SearchEventCodec.encode(g.selection());
                h.hypervolumes.add(new Hypervolume(g.generation(), g.selection().hypervolume()));
            }
        }
        h.generation = Math.max(0, model.progress().generation());
        if (model.isCompleted()) {
            h.completed = (SearchCompleted) SearchEventCodec.encode(model.completed());
        }
        if (model.started().method().reportsArchive()) {
            h.archive = model.progress().archive().stream().map(Object::toString).toList();
        }
        h.reevaluations.addAll(model.reevaluations());
        return h;
    }

    public SearchStarted started() {
        return started;
    }

    public boolean completed() {
        return completed != null;
    }

    /** The machine the search evaluated on ({@code psum}, {@code bitserial}; empty for a format 1 journal). */
    public String machine() {
        return started.hasPlatform() ? started.getPlatform().getFidelity() : "";
    }

    /** The re-evaluation protocols the search's start asks for (re-scoring on another machine). */
    public List<SearchEvent.EvaluationProtocol> protocols() {
        return started.getReevaluationsList().stream().map(SearchEventCodec::decode).toList();
    }

    /** The front's re-evaluations journaled so far, by protocol. */
    public List<SearchEvent.StrategyReevaluated> reevaluations() {
        return List.copyOf(reevaluations);
    }

    /** The generation being bred, evaluated or selected (0 = the initial population). */
    public int generation() {
        return completed != null ? (int) completed.getGenerations() : generation;
    }

    public Map<String, Strategy> strategies() {
        return strategies;
    }

    /** Every evaluated strategy's first result, in journal order. */
    public List<StrategyEvaluated> results() {
        return List.copyOf(results.values());
    }

    public StrategyEvaluated result(String id) {
        return results.get(id);
    }

    /** Failed strategy id to reason. */
    public Map<String, String> failures() {
        return failures;
    }

    public List<Hypervolume> hypervolumes() {
        return hypervolumes;
    }

    /**
     * The front by ascending error: the final front of a completed search; before that the archive so far (method
     * revision 2) or the first front among the latest selection's survivors (revision 1); before any selection the
     * non-dominated evaluated strategies.
     */
    public List<String> front() {
        if (front == null) {
            front = List.copyOf(computeFront());
        }
        return front;
    }

    /** The last population's first front of a completed search (the front itself in method revision 1). */
    public List<String> lastPopulationFront() {
        if (completed == null) {
            return List.of();
        }
        List<String> ids = new ArrayList<>(completed.getPopulationFrontCount() > 0 ? completed.getPopulationFrontList()
                : completed.getFrontList());
        ids.removeIf(id -> !results.containsKey(id));
        ids.sort(Comparator.comparingDouble((String id) -> results.get(id).getObjectives(0))
                .thenComparing(Comparator.naturalOrder()));
        return ids;
    }

    private List<String> computeFront() {
        List<String> ids = new ArrayList<>();
        if (completed != null) {
            ids.addAll(completed.getFrontList());
        } else if (archive != null) {
            ids.addAll(archive);
        } else if (latestSelection != null) {
            for (CandidateFate f : latestSelection.getFatesList()) {
                if (f.getSurvived() && f.getFront() == 0) {
                    ids.add(f.getStrategyId());
                }
            }
        } else {
            for (StrategyEvaluated r : results.values()) {
                if (results.values().stream().noneMatch(o -> dominates(o, r))) {
                    ids.add(r.getStrategyId());
                }
            }
        }
        ids.removeIf(id -> !results.containsKey(id));
        ids.sort(Comparator.comparingDouble((String id) -> results.get(id).getObjectives(0))
                .thenComparing(Comparator.naturalOrder()));
        return ids;
    }

    /** The initial uniform strategies that were evaluated, by ascending bits (origin "uniform-<bits>"). */
    public List<Strategy> uniform() {
        return strategies.values().stream().filter(s -> s.origin().startsWith("uniform") && results.containsKey(s.id()))
                .sorted(Comparator.comparing(Strategy::origin, Comparator.comparingInt(SearchHistory::bitsOf)))
                .toList();
    }

    private static int bitsOf(String origin) {
        try {
            return Integer.parseInt(origin.substring(origin.indexOf('-') + 1));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static boolean dominates(StrategyEvaluated a, StrategyEvaluated b) {
        boolean better = false;
        for (int i = 0; i < a.getObjectivesCount(); i++) {
            if (a.getObjectives(i) > b.getObjectives(i)) {
                return false;
            }
            better |= a.getObjectives(i) < b.getObjectives(i);
        }
        return better;
    }
}
