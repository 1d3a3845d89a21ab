package org.cim2pq.actors.search;

import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.List;
import org.cim2pq.engine.genome.Strategy;
import org.cim2pq.engine.genome.StrategyId;
import org.cim2pq.engine.indicator.HypervolumeFrame;
import org.cim2pq.engine.problem.Objectives;
import org.cim2pq.engine.search.InitialPopulation;
import org.cim2pq.engine.selection.Candidate;
import org.cim2pq.engine.selection.CandidateFate;
import org.cim2pq.engine.selection.Fronts;
import org.cim2pq.engine.selection.NondominatedSorting;
import org.cim2pq.engine.selection.ReferencePoints;
import org.cim2pq.engine.selection.Selection;
import org.cim2pq.engine.selection.SelectionDecision;
import org.cim2pq.engine.space.CimSearchSpace;
import org.cim2pq.engine.variation.Birth;
import org.cim2pq.engine.variation.Breeding;
import org.cim2pq.engine.variation.MutationSite;
import org.cim2pq.engine.variation.MutationState;
import org.cim2pq.engine.variation.ProgressiveAdaptiveMutation;
import org.cim2pq.engine.variation.TileCrossover;
import org.cim2pq.persistence.proto.BornStrategy;
import org.cim2pq.persistence.proto.CrossoverApplied;
import org.cim2pq.persistence.proto.EvaluationFailed;
import org.cim2pq.persistence.proto.GenerationStarted;
import org.cim2pq.persistence.proto.MutationApplied;
import org.cim2pq.persistence.proto.PopulationInitialized;
import org.cim2pq.persistence.proto.SearchCompleted;
import org.cim2pq.persistence.proto.SelectionApplied;
import org.cim2pq.persistence.proto.StrategyEvaluated;

/**
 * The search's decisions as a pure function of its state: which events come next (breeding a generation,
 * selecting survivors, completing) and which strategies need evaluating. The SearchActor persists what this
 * returns; {@code verify} replays a journal and calls the same function at every decision point, so a recorded
 * decision is checked by the very code that made it. Everything is derived from the seed and recorded results.
 */
public final class SearchPlanner {

    private final CimSearchSpace space;
    private final SearchSettings settings;
    private final Breeding breeding;
    private final ProgressiveAdaptiveMutation mutation;
    private final ReferencePoints referencePoints;
    private HypervolumeFrame frame;

    public SearchPlanner(CimSearchSpace space, SearchSettings settings, int objectives) {
        this.space = space;
        this.settings = settings;
        this.mutation = ProgressiveAdaptiveMutation.defaults();
        this.breeding = new Breeding(space, TileCrossover.DEFAULT, mutation);
        this.referencePoints = ReferencePoints.forObjectives(objectives);
    }

    /** Generation 0: uniform strategies, then random ones from the seed. */
    public PopulationInitialized initialPopulation() {
        PopulationInitialized.Builder b = PopulationInitialized.newBuilder();
        List<Strategy> initial = InitialPopulation.DEFAULT.create(space, settings.population(), settings.seed());
        int uniform = InitialPopulation.DEFAULT_UNIFORM_BITS.size();
        for (Strategy s : initial) {
            String origin = s.id().index() < uniform && s.genome().equals(space.uniform(
                    InitialPopulation.DEFAULT_UNIFORM_BITS.get(s.id().index())))
                    ? "uniform-" + InitialPopulation.DEFAULT_UNIFORM_BITS.get(s.id().index()) : "random";
            b.addStrategies(BornStrategy.newBuilder().setStrategyId(s.id().toString())
                    .setGenome(s.genome().encode()).setOrigin(origin));
        }
        return b.build();
    }

    /**
     * The events of the next step, or none while evaluations are outstanding. Unresolved strategies whose genome
     * equals an already resolved one get that result copied (no second evaluation of the same genome).
     */
    public List<Message> next(SearchState state) {
        if (!state.isStarted() || state.generation() < 0) {
            throw new IllegalStateException("the search has not started");
        }
        if (state.isCompleted()) {
            return List.of();
        }
        List<StrategyId> unresolved = state.unresolvedBirths();
        if (!unresolved.isEmpty()) {
            return copiesOfKnownResults(state, unresolved);
        }
        int g = state.generation();
        if (g > 0 && state.selectedGeneration() < g) {
            return List.of(select(state));
        }
        if (g >= settings.generations() || state.evaluatedPopulation().size() < 2) {
            return List.of(complete(state));
        }
        return breed(state, g + 1);
    }

    /** Strategies to hand to evaluation: unresolved, and the first of their genome (duplicates wait for it). */
    public List<StrategyId> toEvaluate(SearchState state) {
        List<StrategyId> out = new ArrayList<>();
        for (StrategyId id : state.unresolvedBirths()) {
            if (state.firstWithGenome(state.genome(id)).equals(id)) {
                out.add(id);
            }
        }
        return out;
    }

    private List<Message> copiesOfKnownResults(SearchState state, List<StrategyId> unresolved) {
        List<Message> copies = new ArrayList<>();
        for (StrategyId id : unresolved) {
            StrategyId first = state.firstWithGenome(state.genome(id));
            if (first.equals(id) || !state.isResolved(first)) {
                continue;
            }
            StrategyEvaluated known = state.result(first);
            if (known != null) {
                copies.add(known.toBuilder().setStrategyId(id.toString()).setAttempt(0)
                        .setEvaluator("same genome as " + first).setEvaluationNanos(0).build());
            } else {
                copies.add(EvaluationFailed.newBuilder().setStrategyId(id.toString()).setAttempts(0)
                        .setReason("same genome as " + first + ", which failed").build());
            }
        }
        return copies;
    }

    private List<Message> breed(SearchState state, int g) {
        MutationState adapted = g == 1
                ? mutation.adapt(MutationState.initial(), frame(state).hypervolume(objectivesOf(state, state.population())))
                : mutation.adapt(state.mutation(), state.hypervolume());
        List<Message> events = new ArrayList<>();
        events.add(GenerationStarted.newBuilder().setGeneration(g).setMutation(toProto(adapted))
                .setMutationProbability(mutation.rate(space, g, adapted)).build());
        double rate = mutation.rate(space, g, adapted);
        for (Birth b : breeding.breed(state.evaluatedPopulation(), g, settings.seed(), adapted, settings.population())) {
            events.add(CrossoverApplied.newBuilder().setGeneration(g).setChildId(b.child().toString())
                    .setFirstParent(b.firstParent().toString()).setSecondParent(b.secondParent().toString())
                    .setMask(b.mask().toString()).build());
            MutationApplied.Builder m = MutationApplied.newBuilder().setGeneration(g)
                    .setChildId(b.child().toString()).setGenome(b.genome().encode()).setProbability(rate);
            for (MutationSite site : b.mutations()) {
                m.addSites(org.cim2pq.persistence.proto.MutationSite.newBuilder().setGene(site.gene())
                        .setOldValue(site.oldValue()).setNewValue(site.newValue()));
            }
            events.add(m.build());
        }
        return events;
    }

    private SelectionApplied select(SearchState state) {
        List<Candidate> candidates = new ArrayList<>();
        for (StrategyId id : state.population()) {
            addCandidate(state, id, candidates);
        }
        for (StrategyId id : state.births()) {
            addCandidate(state, id, candidates);
        }
        int n = Math.min(settings.population(), candidates.size());
        SelectionDecision decision = new Selection(referencePoints, n, settings.quotaPolicy())
                .select(candidates, state.generation(), settings.seed(), state.ideal());
        SelectionApplied.Builder b = SelectionApplied.newBuilder().setGeneration(state.generation())
                .setHypervolume(frame(state).hypervolume(objectivesOf(state, decision.survivors())));
        decision.survivors().forEach(id -> b.addSurvivors(id.toString()));
        for (CandidateFate f : decision.fates()) {
            b.addFates(org.cim2pq.persistence.proto.CandidateFate.newBuilder().setStrategyId(f.id().toString())
                    .setFront(f.front()).setReferencePoint(f.referencePoint()).setDistance(f.distance())
                    .setNicheCount(f.nicheCount()).setQuotaMember(f.quotaMember()).setSurvived(f.survived()));
        }
        return b.build();
    }

    private static void addCandidate(SearchState state, StrategyId id, List<Candidate> out) {
        Objectives o = state.objectives(id);
        if (o != null && out.stream().noneMatch(c -> c.id().equals(id))) {
            out.add(new Candidate(id, o));
        }
    }

    private SearchCompleted complete(SearchState state) {
        List<StrategyId> members = state.evaluatedPopulation().stream().map(Strategy::id).sorted().toList();
        SearchCompleted.Builder b = SearchCompleted.newBuilder().setGenerations(state.generation());
        if (!members.isEmpty()) {
            Fronts fronts = NondominatedSorting.sort(objectivesOf(state, members));
            for (int i : fronts.front(0)) {
                b.addFront(members.get(i).toString());
            }
            b.setHypervolume(frame(state).hypervolume(objectivesOf(state, members)));
        }
        return b.build();
    }

    /** The hypervolume frame, fixed by the initial population's objectives (as in the in-memory CimSearch). */
    private HypervolumeFrame frame(SearchState state) {
        if (frame == null) {
            frame = HypervolumeFrame.of(objectivesOf(state, state.initial()));
        }
        return frame;
    }

    private static double[][] objectivesOf(SearchState state, List<StrategyId> ids) {
        return ids.stream().map(state::objectives).filter(o -> o != null).map(Objectives::values)
                .toArray(double[][]::new);
    }

    private static org.cim2pq.persistence.proto.MutationState toProto(MutationState m) {
        return org.cim2pq.persistence.proto.MutationState.newBuilder().setFactor(m.factor())
                .setStagnantGenerations(m.stagnantGenerations()).setBestHypervolume(m.bestHypervolume()).build();
    }
}
