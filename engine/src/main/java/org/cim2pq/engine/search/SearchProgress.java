package org.cim2pq.engine.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.cim2pq.engine.genome.IntGenome;
import org.cim2pq.engine.genome.Strategy;
import org.cim2pq.engine.genome.StrategyId;
import org.cim2pq.engine.problem.Objectives;
import org.cim2pq.engine.selection.Dominance;
import org.cim2pq.engine.variation.MutationState;

/**
 * What a search has recorded so far, as the {@link GenerationalStep} reads it: the generation, the population, the
 * current births, their genomes and results, the adaptive mutation state, the last selection's hypervolume and the
 * ideal point of everything evaluated. It changes only through its {@code record*} methods, called in journal order
 * by the fold over a search's events (or by the in-memory loop), so the same records always give the same progress.
 *
 * <p>Genomes and results are kept for the population, the current births, the initial population and the first
 * strategy of every distinct genome (whose result a later equal genome copies); the rest live only in the journal,
 * so memory follows the population, not the length of the search. {@link #retained()} names what is kept.
 *
 * <p>The archive is the non-dominated set of every strategy evaluated so far (the first strategy of each genome:
 * copies of a result are not new strategies). It is a set, so it does not depend on the order in which results
 * arrive; its members' genomes and results are kept too.
 */
public final class SearchProgress {

    private int generation = -1;
    private final Map<StrategyId, IntGenome> genomes = new TreeMap<>();
    private final Map<StrategyId, Objectives> results = new TreeMap<>();
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
    private double[] ideal;
    private final Set<StrategyId> archive = new TreeSet<>();

    /** Generation 0: the initial population, all of it born now. */
    public void recordInitialPopulation(List<Strategy> strategies) {
        generation = 0;
        for (Strategy s : strategies) {
            addGenome(s.id(), s.genome());
            initial.add(s.id());
            births.add(s.id());
        }
        population = List.copyOf(initial);
    }

    /** Generation {@code g}'s breeding begins under {@code state}; its births follow. */
    public void recordGenerationStarted(int g, MutationState state) {
        generation = g;
        births.clear();
        mutation = state;
    }

    public void recordBirth(StrategyId id, IntGenome genome) {
        addGenome(id, genome);
        births.add(id);
    }

    /** A result; false (and nothing changes) when the strategy already has one or has failed. */
    public boolean recordResult(StrategyId id, Objectives objectives) {
        if (isResolved(id)) {
            return false;
        }
        results.put(id, objectives);
        evaluations++;
        IntGenome genome = genomes.get(id);
        if (genome != null && id.equals(firstWithGenome.get(genome))) {
            archive(id, objectives);
        }
        if (ideal == null) {
            ideal = objectives.values();
        } else {
            for (int i = 0; i < ideal.length; i++) {
                ideal[i] = Math.min(ideal[i], objectives.get(i));
            }
        }
        return true;
    }

    /** A failure; false (and nothing changes) when the strategy already has a result or has failed. */
    public boolean recordFailure(StrategyId id, String reason) {
        if (isResolved(id)) {
            return false;
        }
        failed.put(id, reason);
        return true;
    }

    /** Generation {@code g}'s survivors and their hypervolume; forgets what later steps no longer need. */
    public void recordSelection(int g, List<StrategyId> survivors, double hv) {
        population = List.copyOf(survivors);
        selectedGeneration = g;
        hypervolume = hv;
        Set<StrategyId> keep = retained();
        genomes.keySet().retainAll(keep);
        results.keySet().retainAll(keep);
        failed.keySet().retainAll(keep);
    }

    public void recordCompletion(List<StrategyId> finalFront) {
        completed = true;
        front = List.copyOf(finalFront);
    }

    private void archive(StrategyId id, Objectives objectives) {
        double[] o = objectives.values();
        for (StrategyId member : archive) {
            if (Dominance.dominates(results.get(member).values(), o)) {
                return;
            }
        }
        archive.removeIf(member -> Dominance.dominates(o, results.get(member).values()));
        archive.add(id);
    }

    private void addGenome(StrategyId id, IntGenome genome) {
        genomes.put(id, genome);
        firstWithGenome.putIfAbsent(genome, id);
    }

    /** The strategies whose genome and result are kept (see the class comment). */
    public Set<StrategyId> retained() {
        Set<StrategyId> keep = new HashSet<>(population);
        keep.addAll(births);
        keep.addAll(initial);
        keep.addAll(firstWithGenome.values());
        keep.addAll(archive);
        return keep;
    }

    public int generation() {
        return generation;
    }

    public boolean isStarted() {
        return generation >= 0;
    }

    public boolean isResolved(StrategyId id) {
        return results.containsKey(id) || failed.containsKey(id);
    }

    public IntGenome genome(StrategyId id) {
        return genomes.get(id);
    }

    /** Kept genomes by strategy id, in id order. */
    public Map<StrategyId, IntGenome> genomes() {
        return java.util.Collections.unmodifiableMap(genomes);
    }

    /** The recorded objectives, or null when none (not evaluated, failed, or forgotten). */
    public Objectives objectives(StrategyId id) {
        return results.get(id);
    }

    /** Kept failures with their reasons, in id order. */
    public Map<StrategyId, String> failures() {
        return java.util.Collections.unmodifiableMap(failed);
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

    /** The archive: the non-dominated set of every strategy evaluated so far, in id order. */
    public List<StrategyId> archive() {
        return List.copyOf(archive);
    }

    public int failedCount() {
        return failed.size();
    }

    /** Strategies evaluated so far (copies of an equal genome's result included). */
    public long evaluations() {
        return evaluations;
    }

    /** The ideal point of everything evaluated so far, or null before the first evaluation. */
    public Objectives ideal() {
        return ideal == null ? null : Objectives.of(ideal.clone());
    }

    /**
     * Restores progress from its parts, as a snapshot holds them: genomes in first-born order (so that replaying
     * them restores which strategy was first with each genome), then the rest as recorded.
     */
    public static SearchProgress restore(int generation, Map<StrategyId, IntGenome> genomesInBirthOrder,
            Map<StrategyId, Objectives> results, Map<StrategyId, String> failed, List<StrategyId> initial,
            List<StrategyId> population, List<StrategyId> births, MutationState mutation, int selectedGeneration,
            double hypervolume, boolean completed, List<StrategyId> front, long evaluations, Objectives ideal,
            List<StrategyId> archive) {
        SearchProgress p = new SearchProgress();
        p.generation = generation;
        genomesInBirthOrder.forEach(p::addGenome);
        p.results.putAll(results);
        p.failed.putAll(failed);
        p.initial.addAll(initial);
        p.population = List.copyOf(population);
        p.births.addAll(births);
        p.mutation = mutation;
        p.selectedGeneration = selectedGeneration;
        p.hypervolume = hypervolume;
        p.completed = completed;
        p.front = List.copyOf(front);
        p.evaluations = evaluations;
        p.ideal = ideal == null ? null : ideal.values();
        p.archive.addAll(archive);
        return p;
    }
}
