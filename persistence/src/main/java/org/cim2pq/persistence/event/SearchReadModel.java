package org.cim2pq.persistence.event;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cim2pq.engine.genome.Strategy;
import org.cim2pq.engine.genome.StrategyId;
import org.cim2pq.engine.search.SearchProgress;
import org.cim2pq.engine.selection.CandidateFate;

/**
 * The one fold over a search's events: its read model, applied one event at a time in journal order. It keeps the
 * {@link SearchProgress} the generational step reads (what the SearchActor's state is), the results the search may
 * still copy, and counters; with {@link #withHistory()} it also keeps every strategy's story (origin, crossover,
 * mutation, outcome, the selections that kept it) and every generation, which is what history, lineage, export,
 * report and list read. Mutable, changed only by {@link #apply}.
 */
public final class SearchReadModel {

    /** One strategy's story in the journal. */
    public static final class StrategyRecord {
        private final StrategyId id;
        private final String origin;
        private final org.cim2pq.engine.genome.IntGenome genome;
        private final SearchEvent.CrossoverApplied crossover;
        private final SearchEvent.MutationApplied mutation;
        private SearchEvent.StrategyEvaluated result;
        private SearchEvent.EvaluationFailed failure;
        private long resultSequence;
        private final List<Kept> kept = new ArrayList<>();

        StrategyRecord(StrategyId id, String origin, org.cim2pq.engine.genome.IntGenome genome,
                SearchEvent.CrossoverApplied crossover, SearchEvent.MutationApplied mutation) {
            this.id = id;
            this.origin = origin;
            this.genome = genome;
            this.crossover = crossover;
            this.mutation = mutation;
        }

        public StrategyId id() {
            return id;
        }

        /** {@code uniform-8}, {@code random} or {@code offspring}. */
        public String origin() {
            return origin;
        }

        public org.cim2pq.engine.genome.IntGenome genome() {
            return genome;
        }

        /** Null for the initial population. */
        public SearchEvent.CrossoverApplied crossover() {
            return crossover;
        }

        /** Null for the initial population. */
        public SearchEvent.MutationApplied mutation() {
            return mutation;
        }

        /** Null while pending or when it failed. */
        public SearchEvent.StrategyEvaluated result() {
            return result;
        }

        /** The position in the journal (1 = first event) of its outcome, 0 while it has none. */
        public long resultSequence() {
            return resultSequence;
        }

        /** Null unless it failed. */
        public SearchEvent.EvaluationFailed failure() {
            return failure;
        }

        /** The selections that kept it, in order. */
        public List<Kept> kept() {
            return Collections.unmodifiableList(kept);
        }
    }

    /** A selection that kept a strategy: its generation and the reasons (front, reference point, quota). */
    public record Kept(int generation, CandidateFate fate) {}

    /** One generation as journaled: its start (null for generation 0) and its selection (null until made). */
    public record Generation(int generation, SearchEvent.GenerationStarted started, SearchEvent.SelectionApplied selection) {}

    private final boolean history;
    private SearchEvent.SearchStarted started;
    private SearchProgress progress = new SearchProgress();
    private final Map<StrategyId, SearchEvent.StrategyEvaluated> results = new TreeMap<>();
    private SearchEvent.SearchCompleted completed;
    private long events;
    private long failures;
    private double bestError = Double.NaN;
    private double bestTopsPerWatt = Double.NaN;
    private final Map<StrategyId, StrategyRecord> strategies = new LinkedHashMap<>();
    private final Map<StrategyId, SearchEvent.CrossoverApplied> crossovers = new TreeMap<>();
    private final Map<Integer, Generation> generations = new TreeMap<>();
    /** Per requested protocol, the front's re-evaluations in journal order (bounded by front x protocols). */
    private final Map<SearchEvent.EvaluationProtocol, Map<StrategyId, SearchEvent.StrategyReevaluated>> reevaluations =
            new LinkedHashMap<>();

    private SearchReadModel(boolean history) {
        this.history = history;
    }

    /** What a running search needs: memory bounded by the population, not by the length of the search. */
    public static SearchReadModel bounded() {
        return new SearchReadModel(false);
    }

    /** Everything the journal says, for the read side. */
    public static SearchReadModel withHistory() {
        return new SearchReadModel(true);
    }

    /** The read model of these events (stored protobuf messages or typed events), with history. */
    public static SearchReadModel of(List<?> events) {
        SearchReadModel model = withHistory();
        for (Object e : events) {
            model.apply(e instanceof SearchEvent s ? s : SearchEventCodec.decode(e));
        }
        return model;
    }

    /** Applies one event; returns this model. */
    public SearchReadModel apply(SearchEvent event) {
        events++;
        if (event instanceof SearchEvent.SearchStarted e) {
            started = e;
        } else if (event instanceof SearchEvent.PopulationInitialized e) {
            progress.recordInitialPopulation(e.strategies().stream().map(b -> new Strategy(b.id(), b.genome())).toList());
            if (history) {
                e.strategies().forEach(b -> strategies.put(b.id(), new StrategyRecord(b.id(), b.origin(), b.genome(), null, null)));
                generations.put(0, new Generation(0, null, null));
            }
        } else if (event instanceof SearchEvent.GenerationStarted e) {
            progress.recordGenerationStarted(e.generation(), e.mutation());
            if (history) {
                generations.put(e.generation(), new Generation(e.generation(), e, null));
            }
        } else if (event instanceof SearchEvent.CrossoverApplied e) {
            if (history) {
                crossovers.put(e.child(), e);
            }
        } else if (event instanceof SearchEvent.MutationApplied e) {
            progress.recordBirth(e.child(), e.genome());
            if (history) {
                strategies.put(e.child(), new StrategyRecord(e.child(), "offspring", e.genome(),
                        crossovers.remove(e.child()), e));
            }
        } else if (event instanceof SearchEvent.StrategyEvaluated e) {
            if (progress.recordResult(e.id(), e.objectives())) {
                results.put(e.id(), e);
                if (e.objectives().size() > 0 && !(e.objectives().get(0) >= bestError)) {
                    bestError = e.objectives().get(0);
                }
                double tops = e.metric("tops_per_w");
                if (!Double.isNaN(tops) && !(tops <= bestTopsPerWatt)) {
                    bestTopsPerWatt = tops;
                }
                if (history && strategies.containsKey(e.id())) {
                    strategies.get(e.id()).result = e;
                    strategies.get(e.id()).resultSequence = events;
                }
            }
        } else if (event instanceof SearchEvent.EvaluationFailed e) {
            if (progress.recordFailure(e.id(), e.reason())) {
                failures++;
                if (history && strategies.containsKey(e.id())) {
                    strategies.get(e.id()).failure = e;
                    strategies.get(e.id()).resultSequence = events;
                }
            }
        } else if (event instanceof SearchEvent.SelectionApplied e) {
            progress.recordSelection(e.generation(), e.survivors(), e.hypervolume());
            results.keySet().retainAll(progress.retained());
            if (history) {
                Generation g = generations.get(e.generation());
                generations.put(e.generation(), new Generation(e.generation(), g == null ? null : g.started(), e));
                for (CandidateFate f : e.fates()) {
                    if (f.survived() && strategies.containsKey(f.id())) {
                        strategies.get(f.id()).kept.add(new Kept(e.generation(), f));
                    }
                }
            }
        } else if (event instanceof SearchEvent.SearchCompleted e) {
            progress.recordCompletion(e.front());
            completed = e;
        } else if (event instanceof SearchEvent.StrategyReevaluated e) {
            recordReevaluation(e);
        }
        return this;
    }

    /** A re-evaluation counts once, and only of a front member under a protocol the start asked for. */
    private void recordReevaluation(SearchEvent.StrategyReevaluated e) {
        if (completed != null && started != null && started.reevaluations().contains(e.protocol())
                && completed.front().contains(e.id())) {
            reevaluations.computeIfAbsent(e.protocol(), p -> new LinkedHashMap<>()).putIfAbsent(e.id(), e);
        }
    }

    // --- what the step and the actor read ------------------------------------------------------------------------

    public boolean isStarted() {
        return started != null;
    }

    /** Null before the first event. */
    public SearchEvent.SearchStarted started() {
        return started;
    }

    public SearchProgress progress() {
        return progress;
    }

    /** The recorded result of a strategy the search still keeps (see {@link SearchProgress#retained()}), or null. */
    public SearchEvent.StrategyEvaluated result(StrategyId id) {
        return results.get(id);
    }

    /** Kept results, in id order. */
    public Map<StrategyId, SearchEvent.StrategyEvaluated> results() {
        return Collections.unmodifiableMap(results);
    }

    public boolean isCompleted() {
        return completed != null;
    }

    /** Null until the search completes. */
    public SearchEvent.SearchCompleted completed() {
        return completed;
    }

    /** Distinct failed strategies ever recorded (copies of a failure included). */
    public long failures() {
        return failures;
    }

    /** The lowest first objective (error) recorded, NaN before any result. */
    public double bestError() {
        return bestError;
    }

    /** The highest {@code tops_per_w} metric recorded, NaN before any result. */
    public double bestTopsPerWatt() {
        return bestTopsPerWatt;
    }

    /** The re-evaluation of {@code id} under {@code protocol}, or null when none is journaled. */
    public SearchEvent.StrategyReevaluated reevaluation(SearchEvent.EvaluationProtocol protocol, StrategyId id) {
        Map<StrategyId, SearchEvent.StrategyReevaluated> byId = reevaluations.get(protocol);
        return byId == null ? null : byId.get(id);
    }

    /** Every re-evaluation journaled, by protocol, each in journal order. */
    public List<SearchEvent.StrategyReevaluated> reevaluations() {
        List<SearchEvent.StrategyReevaluated> all = new ArrayList<>();
        reevaluations.values().forEach(m -> all.addAll(m.values()));
        return all;
    }

    /** A front strategy still to be evaluated under a requested protocol. */
    public record PendingReevaluation(SearchEvent.EvaluationProtocol protocol, StrategyId id) {}

    /** What the completed search's start asks to re-evaluate and the journal does not hold yet; empty before completion. */
    public List<PendingReevaluation> pendingReevaluations() {
        List<PendingReevaluation> pending = new ArrayList<>();
        if (completed == null || started == null) {
            return pending;
        }
        for (SearchEvent.EvaluationProtocol p : started.reevaluations()) {
            for (StrategyId id : completed.front()) {
                if (reevaluation(p, id) == null) {
                    pending.add(new PendingReevaluation(p, id));
                }
            }
        }
        return pending;
    }

    /** Completed, and every re-evaluation its start asks for is journaled: what the search reports is final. */
    public boolean isFinished() {
        return completed != null && pendingReevaluations().isEmpty();
    }

    // --- what the read side reads (withHistory only) -------------------------------------------------------------

    /** Every strategy bred, in birth order (empty without history). */
    public Map<StrategyId, StrategyRecord> strategies() {
        return Collections.unmodifiableMap(strategies);
    }

    /** Every generation begun, in order (empty without history). */
    public List<Generation> generations() {
        return List.copyOf(generations.values());
    }

    // --- snapshots -----------------------------------------------------------------------------------------------

    /** A bounded model restored from a snapshot's parts (see {@link SearchEventCodec}). */
    static SearchReadModel restored(SearchEvent.SearchStarted started, SearchProgress progress,
            List<SearchEvent.StrategyEvaluated> results, SearchEvent.SearchCompleted completed,
            List<SearchEvent.StrategyReevaluated> reevaluations) {
        SearchReadModel m = bounded();
        m.started = started;
        m.progress = progress;
        results.forEach(r -> m.results.put(r.id(), r));
        m.completed = completed;
        reevaluations.forEach(m::recordReevaluation);
        return m;
    }
}
