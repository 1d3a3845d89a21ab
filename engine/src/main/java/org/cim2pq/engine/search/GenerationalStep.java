package org.cim2pq.engine.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.cim2pq.engine.genome.IntGenome;
import org.cim2pq.engine.genome.Strategy;
import org.cim2pq.engine.genome.StrategyId;
import org.cim2pq.engine.indicator.HypervolumeFrame;
import org.cim2pq.engine.problem.Objectives;
import org.cim2pq.engine.selection.Candidate;
import org.cim2pq.engine.selection.Fronts;
import org.cim2pq.engine.selection.NondominatedSorting;
import org.cim2pq.engine.selection.QuotaPolicy;
import org.cim2pq.engine.selection.ReferencePoints;
import org.cim2pq.engine.selection.Selection;
import org.cim2pq.engine.selection.SelectionDecision;
import org.cim2pq.engine.space.CimSearchSpace;
import org.cim2pq.engine.variation.Breeding;
import org.cim2pq.engine.variation.MutationState;
import org.cim2pq.engine.variation.ProgressiveAdaptiveMutation;
import org.cim2pq.engine.variation.TileCrossover;

/**
 * CIM2PQ's generational step as one pure function: the progress recorded so far in, the next decision out
 * ({@link StepDecision}). Everything it decides is drawn from the seed's streams or computed from recorded results,
 * so the same progress always gives the same decision. The in-memory loop ({@link CimSearch}), the journaled
 * SearchActor and {@code verify} all call it, so there is one generational loop:
 * <ol>
 *   <li>generation 0: {@link InitialPopulation} (uniform strategies first, then random ones);</li>
 *   <li>while births are unresolved: copies of known results for genomes already resolved, else wait for the first
 *       strategy of each pending genome to be evaluated;</li>
 *   <li>each generation g >= 1: the mutation state adapted to the last hypervolume, N births
 *       ({@link Breeding#breed}), then the selection of N survivors among parents and children with the ideal point
 *       of everything evaluated so far ({@link Selection#select}); the hypervolume frame is fixed by the initial
 *       population's objectives;</li>
 *   <li>after G generations (or with fewer than two evaluated members), completion with the reported front.</li>
 * </ol>
 * Which revision of the selection and mutation rules applies ({@link SearchMethod}) is part of the search's settings:
 * it decides the reference points and the mutation unless they are set explicitly, whether duplicates are
 * eliminated before selection, and whether the reported front is the archive.
 */
public final class GenerationalStep {

    private final CimSearchSpace space;
    private final long seed;
    private final int populationSize;
    private final int generations;
    private final InitialPopulation initialPopulation;
    private final ProgressiveAdaptiveMutation mutation;
    private final Breeding breeding;
    private final ReferencePoints referencePoints;
    private final QuotaPolicy quota;
    private final SearchMethod method;
    private HypervolumeFrame frame;

    private GenerationalStep(Builder b, int objectives, int populationSize) {
        this.space = b.space;
        this.seed = b.seed;
        this.populationSize = populationSize;
        this.generations = b.generations;
        this.initialPopulation = b.initialPopulation;
        this.method = b.method;
        this.mutation = b.mutation != null ? b.mutation : method.mutation(generations);
        this.breeding = new Breeding(space, b.crossover, mutation);
        this.referencePoints = b.referencePoints != null ? b.referencePoints
                : method.referencePoints(objectives, populationSize);
        this.quota = b.quota;
    }

    public static Builder builder() {
        return new Builder();
    }

    public CimSearchSpace space() {
        return space;
    }

    public ProgressiveAdaptiveMutation mutation() {
        return mutation;
    }

    public SearchMethod method() {
        return method;
    }

    public ReferencePoints referencePoints() {
        return referencePoints;
    }

    /** The next decision for {@code progress}. */
    public StepDecision next(SearchProgress progress) {
        if (!progress.isStarted()) {
            return initialPopulation();
        }
        if (progress.isCompleted()) {
            return new StepDecision.Finished();
        }
        List<StrategyId> unresolved = progress.unresolvedBirths();
        if (!unresolved.isEmpty()) {
            List<StepDecision.Copy> copies = copies(progress, unresolved);
            return copies.isEmpty() ? new StepDecision.Evaluate(pending(progress, unresolved))
                    : new StepDecision.CopyResults(copies);
        }
        int g = progress.generation();
        if (g > 0 && progress.selectedGeneration() < g) {
            return select(progress);
        }
        if (g >= generations || progress.evaluatedPopulation().size() < 2) {
            return complete(progress);
        }
        return breed(progress, g + 1);
    }

    private StepDecision.InitializePopulation initialPopulation() {
        List<Strategy> initial = initialPopulation.create(space, populationSize, seed);
        List<Integer> uniformBits = initialPopulation.uniformBits();
        List<String> origins = new ArrayList<>();
        for (Strategy s : initial) {
            int i = s.id().index();
            boolean uniform = i < uniformBits.size() && s.genome().equals(space.uniform(uniformBits.get(i)));
            origins.add(uniform ? "uniform-" + uniformBits.get(i) : "random");
        }
        return new StepDecision.InitializePopulation(initial, origins);
    }

    private static List<StepDecision.Copy> copies(SearchProgress progress, List<StrategyId> unresolved) {
        List<StepDecision.Copy> copies = new ArrayList<>();
        for (StrategyId id : unresolved) {
            StrategyId first = progress.firstWithGenome(progress.genome(id));
            if (!first.equals(id) && progress.isResolved(first)) {
                copies.add(new StepDecision.Copy(id, first));
            }
        }
        return copies;
    }

    /** The unresolved strategies to evaluate: the first of their genome (equal genomes wait for it). */
    private static List<StrategyId> pending(SearchProgress progress, List<StrategyId> unresolved) {
        return unresolved.stream().filter(id -> progress.firstWithGenome(progress.genome(id)).equals(id)).toList();
    }

    private StepDecision.Breed breed(SearchProgress progress, int g) {
        MutationState adapted = g == 1
                ? mutation.adapt(MutationState.initial(), frame(progress).hypervolume(objectivesOf(progress, progress.population())))
                : mutation.adapt(progress.mutation(), progress.hypervolume());
        return new StepDecision.Breed(g, adapted, mutation.rate(space, g, adapted),
                breeding.breed(progress.evaluatedPopulation(), g, seed, adapted, populationSize));
    }

    private StepDecision.Select select(SearchProgress progress) {
        List<Candidate> candidates = new ArrayList<>();
        List<StepDecision.Duplicate> duplicates = new ArrayList<>();
        Set<StrategyId> ids = new TreeSet<>(progress.population());
        ids.addAll(progress.births());
        Map<IntGenome, StrategyId> competing = new HashMap<>();
        for (StrategyId id : ids) {
            Objectives o = progress.objectives(id);
            if (o == null) {
                continue;
            }
            StrategyId sameAs = method.eliminatesDuplicates() ? competing.putIfAbsent(progress.genome(id), id) : null;
            if (sameAs != null) {
                duplicates.add(new StepDecision.Duplicate(id, sameAs));
            } else {
                candidates.add(new Candidate(id, o));
            }
        }
        int n = Math.min(populationSize, candidates.size());
        SelectionDecision decision = new Selection(referencePoints, n, quota)
                .select(candidates, progress.generation(), seed, progress.ideal());
        return new StepDecision.Select(decision, frame(progress).hypervolume(objectivesOf(progress, decision.survivors())),
                duplicates);
    }

    private StepDecision.Complete complete(SearchProgress progress) {
        List<StrategyId> members = progress.evaluatedPopulation().stream().map(Strategy::id).sorted().toList();
        List<StrategyId> populationFront = new ArrayList<>();
        if (!members.isEmpty()) {
            Fronts fronts = NondominatedSorting.sort(objectivesOf(progress, members));
            for (int i : fronts.front(0)) {
                populationFront.add(members.get(i));
            }
        }
        // Revision 1 reports the population's first front with the hypervolume of the whole population (the same
        // value: dominated members add none); revision 2 the archive with its own.
        List<StrategyId> front = method.reportsArchive() ? progress.archive() : populationFront;
        List<StrategyId> measured = method.reportsArchive() ? front : members;
        double hv = measured.isEmpty() ? 0 : frame(progress).hypervolume(objectivesOf(progress, measured));
        return new StepDecision.Complete(progress.generation(), front, hv, populationFront);
    }

    /** The hypervolume frame, fixed by the initial population's objectives. */
    private HypervolumeFrame frame(SearchProgress progress) {
        if (frame == null) {
            frame = HypervolumeFrame.of(objectivesOf(progress, progress.initial()));
        }
        return frame;
    }

    private static double[][] objectivesOf(SearchProgress progress, List<StrategyId> ids) {
        return ids.stream().map(progress::objectives).filter(Objects::nonNull).map(Objectives::values)
                .toArray(double[][]::new);
    }

    /** DJL-style builder: {@code set*} required, {@code opt*} optional. */
    public static final class Builder {
        private CimSearchSpace space;
        private long seed;
        private int populationSize = -1;
        private int generations = -1;
        private ReferencePoints referencePoints;
        private int objectives = 4;
        private SearchMethod method = SearchMethod.CURRENT;
        private QuotaPolicy quota = QuotaPolicy.DEFAULT;
        private TileCrossover crossover = TileCrossover.DEFAULT;
        private ProgressiveAdaptiveMutation mutation;
        private InitialPopulation initialPopulation = InitialPopulation.DEFAULT;

        private Builder() {}

        public Builder setSpace(CimSearchSpace space) {
            this.space = space;
            return this;
        }

        /** N, strategies per generation. */
        public Builder setPopulationSize(int n) {
            this.populationSize = n;
            return this;
        }

        /** G, generations after the initial population. */
        public Builder setGenerations(int g) {
            this.generations = g;
            return this;
        }

        /** Reference points of NSGA-III; default the method's for {@link #optObjectives} and the population. */
        public Builder optReferencePoints(ReferencePoints referencePoints) {
            this.referencePoints = referencePoints;
            return this;
        }

        /** Number of objectives M, for the default reference points; default 4 (error, energy, latency, area). */
        public Builder optObjectives(int objectives) {
            this.objectives = objectives;
            return this;
        }

        /** Revision of the selection and mutation rules; default {@link SearchMethod#CURRENT}. */
        public Builder optMethod(SearchMethod method) {
            this.method = method;
            return this;
        }

        /** Default 0. */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Default {@link QuotaPolicy#DEFAULT} (qNSGA-III); {@link QuotaPolicy#NONE} for NSGA-III. */
        public Builder optQuota(QuotaPolicy quota) {
            this.quota = quota;
            return this;
        }

        /** Default {@link TileCrossover#DEFAULT}. */
        public Builder optCrossover(TileCrossover crossover) {
            this.crossover = crossover;
            return this;
        }

        /** Default the method's ({@link SearchMethod#mutation}). */
        public Builder optMutation(ProgressiveAdaptiveMutation mutation) {
            this.mutation = mutation;
            return this;
        }

        /** Default {@link InitialPopulation#DEFAULT}. */
        public Builder optInitialPopulation(InitialPopulation initialPopulation) {
            this.initialPopulation = initialPopulation;
            return this;
        }

        public GenerationalStep build() {
            if (space == null || method == null || populationSize < 1 || generations < 0 || objectives < 1) {
                throw new IllegalArgumentException("setSpace, setPopulationSize and setGenerations are required");
            }
            return new GenerationalStep(this, objectives, populationSize);
        }

        /**
         * The step once the number of objectives is known from a first evaluation (what {@link CimSearch} does): M
         * is {@code objectives}, and N, when not set, that of the reference points given, else of Deb and Jain's
         * for M. The builder is left as it is.
         */
        GenerationalStep buildFor(int objectives) {
            int n = populationSize >= 1 ? populationSize
                    : (referencePoints != null ? referencePoints : ReferencePoints.forObjectives(objectives))
                            .populationSize();
            if (space == null || method == null || generations < 0 || objectives < 1) {
                throw new IllegalArgumentException("setSpace and setGenerations are required");
            }
            return new GenerationalStep(this, objectives, n);
        }

        CimSearchSpace space() {
            return space;
        }
    }
}
