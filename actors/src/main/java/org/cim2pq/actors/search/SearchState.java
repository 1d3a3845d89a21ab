package org.cim2pq.actors.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cim2pq.engine.genome.IntGenome;
import org.cim2pq.engine.genome.Strategy;
import org.cim2pq.engine.genome.StrategyId;
import org.cim2pq.engine.problem.Objectives;
import org.cim2pq.engine.variation.MutationState;
import org.cim2pq.persistence.proto.BornStrategy;
import org.cim2pq.persistence.proto.CrossoverApplied;
import org.cim2pq.persistence.proto.EvaluationFailed;
import org.cim2pq.persistence.proto.GenerationStarted;
import org.cim2pq.persistence.proto.MutationApplied;
import org.cim2pq.persistence.proto.PopulationInitialized;
import org.cim2pq.persistence.proto.SearchCompleted;
import org.cim2pq.persistence.proto.SearchSnapshot;
import org.cim2pq.persistence.proto.SearchStarted;
import org.cim2pq.persistence.proto.SelectionApplied;
import org.cim2pq.persistence.proto.StrategyEvaluated;

/**
 * A search's state, built only by applying its journaled events (or a snapshot of them) in order. Mutable, but
 * owned by one SearchActor and changed only by its event handler, as Pekko Persistence allows.
 */
public final class SearchState {

    private SearchStarted started;
    /** -1 before the initial population, 0 while it is evaluated, g while generation g is bred/evaluated/selected. */
    private int generation = -1;
    private final Map<StrategyId, IntGenome> genomes = new TreeMap<>();
    private final Map<StrategyId, StrategyEvaluated> results = new TreeMap<>();
    private final Map<StrategyId, String> failed = new TreeMap<>();
    private final Map<IntGenome, StrategyId> firstWithGenome = new HashMap<>();
    private final List<StrategyId> initial = new ArrayList<>();
    private List<StrategyId> population = List.of();
    private final List<StrategyId> births = new ArrayList<>();
    private MutationState mutation = MutationState.initial();
    private int selectedGeneration;
    private double hypervolume = Double.NaN;
    private boolean completed;
    private List<StrategyId> front = List.of();
    private long evaluations;
    /** Per-objective minimum over every evaluation so far: NSGA-III's ideal point spans all generations. */
    private double[] ideal;

    /** Applies one event; returns this state. */
    public SearchState apply(Object event) {
        if (event instanceof SearchStarted e) {
            started = e;
        } else if (event instanceof PopulationInitialized e) {
            generation = 0;
            for (BornStrategy b : e.getStrategiesList()) {
                StrategyId id = StrategyId.parse(b.getStrategyId());
                addGenome(id, IntGenome.decode(b.getGenome()));
                initial.add(id);
                births.add(id);
            }
            population = List.copyOf(initial);
        } else if (event instanceof GenerationStarted e) {
            generation = e.getGeneration();
            births.clear();
            mutation = new MutationState(e.getMutation().getFactor(), e.getMutation().getStagnantGenerations(),
                    e.getMutation().getBestHypervolume());
        } else if (event instanceof CrossoverApplied) {
            // The mask matters to lineage and verification (read side); the child's genome comes with MutationApplied.
        } else if (event instanceof MutationApplied e) {
            StrategyId id = StrategyId.parse(e.getChildId());
            addGenome(id, IntGenome.decode(e.getGenome()));
            births.add(id);
        } else if (event instanceof StrategyEvaluated e) {
            StrategyId id = StrategyId.parse(e.getStrategyId());
            if (!isResolved(id)) {
                results.put(id, e);
                evaluations++;
                extendIdeal(e);
            }
        } else if (event instanceof EvaluationFailed e) {
            StrategyId id = StrategyId.parse(e.getStrategyId());
            if (!isResolved(id)) {
                failed.put(id, e.getReason());
            }
        } else if (event instanceof SelectionApplied e) {
            population = e.getSurvivorsList().stream().map(StrategyId::parse).toList();
            selectedGeneration = e.getGeneration();
            hypervolume = e.getHypervolume();
            forgetUnneededGenomes();
        } else if (event instanceof SearchCompleted e) {
            completed = true;
            front = e.getFrontList().stream().map(StrategyId::parse).toList();
        } else {
            throw new IllegalArgumentException("not a search event: " + event.getClass().getName());
        }
        return this;
    }

    private void extendIdeal(StrategyEvaluated e) {
        if (ideal == null) {
            ideal = e.getObjectivesList().stream().mapToDouble(Double::doubleValue).toArray();
        } else {
            for (int i = 0; i < ideal.length; i++) {
                ideal[i] = Math.min(ideal[i], e.getObjectives(i));
            }
        }
    }

    /** The ideal point of everything evaluated so far, or null before the first evaluation. */
    public Objectives ideal() {
        return ideal == null ? null : Objectives.of(ideal.clone());
    }

    private void addGenome(StrategyId id, IntGenome genome) {
        genomes.put(id, genome);
        firstWithGenome.putIfAbsent(genome, id);
    }

    /**
     * Genomes are kept for the population, the current births and the first strategy of every distinct genome
     * (which the search reuses instead of evaluating an equal genome again); the rest live only in the journal.
     */
    private void forgetUnneededGenomes() {
        var keep = new java.util.HashSet<StrategyId>(population);
        keep.addAll(births);
        keep.addAll(initial);
        keep.addAll(firstWithGenome.values());
        genomes.keySet().retainAll(keep);
        results.keySet().retainAll(keep);
        failed.keySet().retainAll(keep);
    }

    public boolean isStarted() {
        return started != null;
    }

    public SearchStarted started() {
        return started;
    }

    public int generation() {
        return generation;
    }

    public boolean isResolved(StrategyId id) {
        return results.containsKey(id) || failed.containsKey(id);
    }

    public IntGenome genome(StrategyId id) {
        return genomes.get(id);
    }

    public StrategyEvaluated result(StrategyId id) {
        return results.get(id);
    }

    public Objectives objectives(StrategyId id) {
        StrategyEvaluated r = results.get(id);
        return r == null ? null : Objectives.of(r.getObjectivesList().stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** The first strategy ever born with this genome (itself when it is the first). */
    public StrategyId firstWithGenome(IntGenome genome) {
        return firstWithGenome.get(genome);
    }

    public List<StrategyId> initial() {
        return List.copyOf(initial);
    }

    public List<StrategyId> population() {
        return population;
    }

    /** The population as strategies that have objectives (failed ones cannot be parents or survivors). */
    public List<Strategy> evaluatedPopulation() {
        return population.stream().filter(results::containsKey).map(id -> new Strategy(id, genomes.get(id))).toList();
    }

    public List<StrategyId> births() {
        return List.copyOf(births);
    }

    public List<StrategyId> unresolvedBirths() {
        return births.stream().filter(id -> !isResolved(id)).toList();
    }

    public MutationState mutation() {
        return mutation;
    }

    public int selectedGeneration() {
        return selectedGeneration;
    }

    public double hypervolume() {
        return hypervolume;
    }

    public boolean isCompleted() {
        return completed;
    }

    public List<StrategyId> front() {
        return front;
    }

    public int failedCount() {
        return failed.size();
    }

    /** Strategies evaluated so far (copies of an equal genome's result included). */
    public long evaluations() {
        return evaluations;
    }

    // --- snapshots ---------------------------------------------------------------------------------------------

    public SearchSnapshot toSnapshot() {
        SearchSnapshot.Builder b = SearchSnapshot.newBuilder().setGeneration(generation)
                .setSelectedGeneration(selectedGeneration).setHypervolume(hypervolume).setCompleted(completed)
                .setMutation(org.cim2pq.persistence.proto.MutationState.newBuilder().setFactor(mutation.factor())
                        .setStagnantGenerations(mutation.stagnantGenerations())
                        .setBestHypervolume(mutation.bestHypervolume()));
        if (started != null) {
            b.setStarted(started);
        }
        // Strategies in first-born order, so that replaying them restores firstWithGenome exactly.
        genomes.forEach((id, g) -> b.addStrategies(BornStrategy.newBuilder().setStrategyId(id.toString())
                .setGenome(g.encode())));
        b.addAllResults(results.values());
        failed.forEach((id, reason) -> b.addFailed(id + "\t" + reason));
        initial.forEach(id -> b.addInitial(id.toString()));
        population.forEach(id -> b.addPopulation(id.toString()));
        births.forEach(id -> b.addBirths(id.toString()));
        front.forEach(id -> b.addFront(id.toString()));
        b.setEvaluations(evaluations);
        if (ideal != null) {
            for (double v : ideal) {
                b.addIdeal(v);
            }
        }
        return b.build();
    }

    public static SearchState fromSnapshot(SearchSnapshot s) {
        SearchState state = new SearchState();
        state.started = s.hasStarted() ? s.getStarted() : null;
        state.generation = s.getGeneration();
        for (BornStrategy b : s.getStrategiesList()) {
            state.addGenome(StrategyId.parse(b.getStrategyId()), IntGenome.decode(b.getGenome()));
        }
        for (StrategyEvaluated r : s.getResultsList()) {
            state.results.put(StrategyId.parse(r.getStrategyId()), r);
        }
        for (String f : s.getFailedList()) {
            int tab = f.indexOf('\t');
            state.failed.put(StrategyId.parse(f.substring(0, tab)), f.substring(tab + 1));
        }
        s.getInitialList().forEach(id -> state.initial.add(StrategyId.parse(id)));
        state.population = s.getPopulationList().stream().map(StrategyId::parse).toList();
        s.getBirthsList().forEach(id -> state.births.add(StrategyId.parse(id)));
        state.mutation = new MutationState(s.getMutation().getFactor(), s.getMutation().getStagnantGenerations(),
                s.getMutation().getBestHypervolume());
        state.selectedGeneration = s.getSelectedGeneration();
        state.hypervolume = s.getHypervolume();
        state.completed = s.getCompleted();
        state.front = s.getFrontList().stream().map(StrategyId::parse).toList();
        state.evaluations = s.getEvaluations();
        state.ideal = s.getIdealCount() == 0 ? null : s.getIdealList().stream().mapToDouble(Double::doubleValue).toArray();
        return state;
    }
}
