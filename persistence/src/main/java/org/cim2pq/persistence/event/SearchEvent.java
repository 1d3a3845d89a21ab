package org.cim2pq.persistence.event;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cim2pq.engine.genome.IntGenome;
import org.cim2pq.engine.genome.StrategyId;
import org.cim2pq.engine.problem.Objectives;
import org.cim2pq.engine.search.SearchMethod;
import org.cim2pq.engine.search.StepDecision;
import org.cim2pq.engine.selection.CandidateFate;
import org.cim2pq.engine.space.CimSearchSpace;
import org.cim2pq.engine.variation.CrossoverMask;
import org.cim2pq.engine.variation.MutationSite;
import org.cim2pq.engine.variation.MutationState;
import org.cim2pq.persistence.proto.PlatformConfiguration;
import org.cim2pq.persistence.proto.Provenance;

/**
 * The journal's language, typed once: every event of a search (persistence id {@code search|<id>}) in engine
 * terms. Protobuf (search_events.proto) stays the stored schema; {@link SearchEventCodec} is the one mapping
 * between the two, and {@link SearchReadModel} the one fold every reader builds on. Each event names its type (the
 * protobuf message name), the generation it belongs to and a one-line summary for people.
 */
public sealed interface SearchEvent {

    /** The event's type name, as stored: e.g. {@code MutationApplied}. */
    default String type() {
        return getClass().getSimpleName();
    }

    /** The generation this event belongs to; -1 when none (SearchStarted), 0 for the initial population. */
    int generation();

    /** One line for people, e.g. {@code g2-3 = g1-0 x g1-4 mask AABA}. */
    String summary();

    /** A short label for logs: the type and what it is about, e.g. {@code StrategyEvaluated g2-1}, {@code SelectionApplied g=4}. */
    default String label() {
        return type();
    }

    /** The re-evaluation of a completed search's front strategy this event is, if it is one. */
    default java.util.Optional<StrategyReevaluated> frontReevaluation() {
        return java.util.Optional.empty();
    }

    /** The strategy whose evaluation outcome this event records (not a copy of another's), if it is one. */
    default java.util.Optional<StrategyId> evaluationOutcome() {
        return java.util.Optional.empty();
    }

    /**
     * First event of every search: what is searched, with what, by which code. {@code space} and {@code tiles}
     * are the search space as journaled (format 2), null for a format 1 journal; {@code provenance} and
     * {@code platform} are descriptive values kept as stored; {@code methodRevision} as stored (0: not recorded,
     * which is revision 1). {@code reevaluations} (format 3) are the protocols the front is evaluated again under
     * once the search completes, each result a {@link StrategyReevaluated}.
     */
    record SearchStarted(String searchId, int formatVersion, Provenance provenance, String spaceFingerprint,
                         int units, int genes, long startedAtEpochMs, List<String> objectives, int population,
                         int generations, String selection, double quota, double accuracyTolerance,
                         String granularity, CimSearchSpace space, List<Tile> tiles, PlatformConfiguration platform,
                         int methodRevision, List<EvaluationProtocol> reevaluations)
            implements SearchEvent {
        public SearchStarted {
            objectives = List.copyOf(objectives);
            tiles = tiles == null ? null : List.copyOf(tiles);
            reevaluations = reevaluations == null ? List.of() : List.copyOf(reevaluations);
        }

        /** A start without re-evaluations (every journal before format 3). */
        public SearchStarted(String searchId, int formatVersion, Provenance provenance, String spaceFingerprint,
                             int units, int genes, long startedAtEpochMs, List<String> objectives, int population,
                             int generations, String selection, double quota, double accuracyTolerance,
                             String granularity, CimSearchSpace space, List<Tile> tiles,
                             PlatformConfiguration platform, int methodRevision) {
            this(searchId, formatVersion, provenance, spaceFingerprint, units, genes, startedAtEpochMs, objectives,
                    population, generations, selection, quota, accuracyTolerance, granularity, space, tiles, platform,
                    methodRevision, List.of());
        }

        /** The machine the search evaluates on ({@code platform.fidelity}), empty when the journal does not say. */
        public String machine() {
            return platform == null ? "" : platform.getFidelity();
        }

        /** The selection and mutation rules the search runs (revision 1 when the journal does not say). */
        public SearchMethod method() {
            return SearchMethod.of(methodRevision);
        }

        /** Whether the journal describes its own search space (format 2 and later). */
        public boolean describesSpace() {
            return space != null;
        }

        @Override
        public int generation() {
            return -1;
        }

        @Override
        public String summary() {
            return searchId + ": " + provenance.getModel() + " on " + provenance.getDataset() + ", seed "
                    + provenance.getSeed() + ", N=" + population + ", G=" + generations + ", " + selection + ", "
                    + granularity + "wise, " + units + " units, code " + provenance.getCodeVersion();
        }

        // Records compare a CimSearchSpace by identity; two starts are equal when their stored forms are.
        @Override
        public boolean equals(Object o) {
            return o != null && o.getClass() == SearchStarted.class
                    && SearchEventCodec.encode(this).equals(SearchEventCodec.encode((SearchStarted) o));
        }

        @Override
        public int hashCode() {
            return SearchEventCodec.encode(this).hashCode();
        }
    }

    /** One tile of the space: (layer, row block, column block), its id and the tile group that simulates it. */
    record Tile(int layerIndex, String layer, int rowBlock, int columnBlock, String id, String group) {}

    /** One strategy of the initial population and how it came to be ({@code uniform-8}, {@code random}). */
    record Born(StrategyId id, IntGenome genome, String origin) {}

    /** Generation 0: the initial population, uniform strategies first, then random ones from the seed. */
    record PopulationInitialized(List<Born> strategies) implements SearchEvent {
        public PopulationInitialized {
            strategies = List.copyOf(strategies);
        }

        @Override
        public int generation() {
            return 0;
        }

        @Override
        public String summary() {
            return strategies.size() + " strategies (" + String.join(", ",
                    strategies.stream().map(Born::origin).distinct().toList()) + ")";
        }
    }

    /** A generation's breeding begins, with the adaptive mutation state and the per-gene rate it gives. */
    record GenerationStarted(int generation, MutationState mutation, double mutationProbability) implements SearchEvent {
        @Override
        public String label() {
            return type() + " g=" + generation;
        }

        @Override
        public String summary() {
            return String.format(Locale.ROOT, "mutation p=%.4f factor=%.3f stagnant=%d", mutationProbability,
                    mutation.factor(), mutation.stagnantGenerations());
        }
    }

    /** One child's crossover, persisted before the child is evaluated. */
    record CrossoverApplied(int generation, StrategyId child, StrategyId firstParent, StrategyId secondParent,
                            CrossoverMask mask) implements SearchEvent {
        @Override
        public String summary() {
            return child + " = " + firstParent + " x " + secondParent + " mask " + mask;
        }
    }

    /** One child's mutation (possibly no site) and its final genome, persisted before it is evaluated. */
    record MutationApplied(int generation, StrategyId child, List<MutationSite> sites, IntGenome genome,
                           double probability) implements SearchEvent {
        public MutationApplied {
            sites = List.copyOf(sites);
        }

        @Override
        public String summary() {
            StringBuilder s = new StringBuilder(child.toString()).append(" sites ");
            if (sites.isEmpty()) {
                s.append("none");
            }
            sites.forEach(site -> s.append(site.gene()).append(':').append(site.oldValue()).append("->")
                    .append(site.newValue()).append(' '));
            return s.toString().strip();
        }
    }

    /** What became of one strategy: a result or a failure, evaluated or copied from an equal genome's. */
    sealed interface Outcome extends SearchEvent permits StrategyEvaluated, EvaluationFailed {
        StrategyId id();

        /** The earlier strategy with the same genome whose outcome this copies; null for an evaluation. */
        StrategyId copiedFrom();

        default boolean isCopy() {
            return copiedFrom() != null;
        }

        @Override
        default int generation() {
            return id().generation();
        }

        @Override
        default String label() {
            return type() + " " + id();
        }

        @Override
        default java.util.Optional<StrategyId> evaluationOutcome() {
            return isCopy() ? java.util.Optional.empty() : java.util.Optional.of(id());
        }
    }

    /**
     * A strategy's result, as it arrived (in any order). {@code copiedFrom} is set when it is not an evaluation
     * but the result of an earlier strategy with the same genome (then {@code attempt} is 0).
     */
    record StrategyEvaluated(StrategyId id, Objectives objectives, Map<String, Double> metrics, int attempt,
                             String evaluator, long evaluationNanos, StrategyId copiedFrom) implements Outcome {
        public StrategyEvaluated {
            metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        }

        /** The result of {@code source}, copied to {@code child} (same genome, not evaluated again). */
        public StrategyEvaluated copiedTo(StrategyId child) {
            return new StrategyEvaluated(child, objectives, metrics, 0, "same genome as " + id, 0, id);
        }

        /** A metric, NaN when absent. */
        public double metric(String name) {
            return metrics.getOrDefault(name, Double.NaN);
        }

        @Override
        public String summary() {
            List<String> values = new ArrayList<>();
            for (double v : objectives.values()) {
                values.add(String.format(Locale.ROOT, "%.5g", v));
            }
            return id + " [" + String.join(", ", values) + "] attempt " + attempt + " by " + evaluator;
        }
    }

    /** A strategy whose evaluation failed every allowed attempt (or a copy of such a failure); the search goes on. */
    record EvaluationFailed(StrategyId id, String reason, int attempts, StrategyId copiedFrom) implements Outcome {

        /** The failure of {@code source}, copied to {@code child}. */
        public EvaluationFailed copiedTo(StrategyId child) {
            return new EvaluationFailed(child, "same genome as " + id + ", which failed", 0, id);
        }

        @Override
        public String summary() {
            return id + " after " + attempts + " attempts: " + reason;
        }
    }

    /**
     * A generation's survival decision, with every candidate's fate (in ascending strategy id) and the candidates
     * eliminated before it as duplicates of an earlier genome (method revision 2; they have no fate).
     */
    record SelectionApplied(int generation, List<StrategyId> survivors, List<CandidateFate> fates, double hypervolume,
                            List<StepDecision.Duplicate> duplicates)
            implements SearchEvent {
        public SelectionApplied {
            survivors = List.copyOf(survivors);
            fates = List.copyOf(fates);
            duplicates = List.copyOf(duplicates);
        }

        @Override
        public String label() {
            return type() + " g=" + generation;
        }

        @Override
        public String summary() {
            long quota = fates.stream().filter(CandidateFate::quotaMember).count();
            return survivors.size() + " survivors of " + fates.size() + " (" + quota + " by quota"
                    + (duplicates.isEmpty() ? "" : ", " + duplicates.size() + " duplicates eliminated") + "), HV "
                    + String.format(Locale.ROOT, "%.4f", hypervolume);
        }
    }

    /**
     * How a strategy is evaluated again after the search: on which machine and technology, on which images and
     * under which noise (stored as {@code EvaluationProtocol}); the calibration is always the search platform's.
     *
     * @param machine {@code bitserial} or {@code psum}
     * @param preset e.g. {@code isaac-32nm}
     * @param images {@link #SEARCH_IMAGES} or {@link #HELD_OUT_IMAGES}
     * @param imageCount how many
     * @param subsetSeed the seed the images are drawn with
     * @param noiseProfile non-ideality profile, empty for ideal
     * @param noiseDraws noise draws averaged, 0 when ideal
     */
    record EvaluationProtocol(String machine, String preset, String images, int imageCount, long subsetSeed,
                              String noiseProfile, int noiseDraws) {
        public static final String SEARCH_IMAGES = "search";
        public static final String HELD_OUT_IMAGES = "held-out";

        /** The search's own front, images and technology on another {@code machine}: a proxy search's re-scoring. */
        public static EvaluationProtocol rescoring(String machine, PlatformConfiguration platform) {
            return new EvaluationProtocol(machine, platform.getPreset(), SEARCH_IMAGES, platform.getSearchImages(),
                    platform.getSubsetSeed(), "", 0);
        }

        /**
         * The front on {@code imageCount} test images outside the search subset ({@code images = held-out}), on
         * {@code machine} (the searched one, or the one a proxy search is re-scored on), the platform's preset, subset
         * seed and noise profile with its draws.
         */
        public static EvaluationProtocol heldOut(String machine, PlatformConfiguration platform, int imageCount) {
            return new EvaluationProtocol(machine, platform.getPreset(), HELD_OUT_IMAGES, imageCount,
                    platform.getSubsetSeed(), platform.getNoiseProfile(), platform.getNoiseDraws());
        }

        /** Whether this protocol evaluates on the held-out images (not the search subset). */
        public boolean isHeldOut() {
            return images.equals(HELD_OUT_IMAGES);
        }

        /** Whether this is the search's front on another machine, same images (what a proxy search reports). */
        public boolean rescores(SearchStarted started) {
            return !machine.equals(started.machine()) && images.equals(SEARCH_IMAGES) && noiseProfile.isEmpty();
        }

        /** What a report calls figures of this protocol, e.g. {@code bitserial (re-scored; searched on psum)}. */
        public String label(String searchedOn) {
            StringBuilder s = new StringBuilder(machine);
            if (!machine.equals(searchedOn)) {
                s.append(" (re-scored; searched on ").append(searchedOn).append(')');
            }
            if (images.equals(HELD_OUT_IMAGES)) {
                s.append(", ").append(imageCount).append(" held-out images");
            }
            if (!noiseProfile.isEmpty()) {
                s.append(", noise ").append(noiseProfile).append(" x").append(noiseDraws);
            }
            return s.toString();
        }

        /** A short key for column names, e.g. {@code bitserial} or {@code bitserial_held_out}. */
        public String key() {
            return (machine + (images.equals(SEARCH_IMAGES) ? "" : "_" + images)
                    + (noiseProfile.isEmpty() ? "" : "_" + noiseProfile)).replace('-', '_');
        }
    }

    /**
     * One strategy of the completed search's front evaluated again under one of {@link SearchStarted#reevaluations}
     * (format 3); journaled after {@link SearchCompleted}, once per (strategy, protocol), in any order.
     */
    record StrategyReevaluated(StrategyId id, EvaluationProtocol protocol, Objectives objectives,
                               Map<String, Double> metrics, String evaluator, long evaluationNanos, long top1Correct,
                               long top1Classified)
            implements SearchEvent {
        public StrategyReevaluated {
            metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
            if (top1Correct < 0 || top1Correct > top1Classified) {
                throw new IllegalArgumentException(top1Correct + " correct of " + top1Classified + " classifications");
            }
        }

        /** A re-evaluation without classification counts (a re-scoring: its accuracy is the error objective). */
        public StrategyReevaluated(StrategyId id, EvaluationProtocol protocol, Objectives objectives,
                                   Map<String, Double> metrics, String evaluator, long evaluationNanos) {
            this(id, protocol, objectives, metrics, evaluator, evaluationNanos, 0, 0);
        }

        /** A metric, NaN when absent. */
        public double metric(String name) {
            return metrics.getOrDefault(name, Double.NaN);
        }

        @Override
        public int generation() {
            return id.generation();
        }

        @Override
        public String label() {
            return type() + " " + id + " " + protocol.key();
        }

        @Override
        public java.util.Optional<StrategyReevaluated> frontReevaluation() {
            return java.util.Optional.of(this);
        }

        @Override
        public String summary() {
            List<String> values = new ArrayList<>();
            for (double v : objectives.values()) {
                values.add(String.format(Locale.ROOT, "%.5g", v));
            }
            return id + " on " + protocol.machine() + " (" + protocol.images() + " images, " + protocol.imageCount()
                    + ") [" + String.join(", ", values) + "] by " + evaluator;
        }
    }

    /**
     * The search ended: the reported front (method revision 2: the archive of every evaluation; revision 1: the last
     * population's first front), its hypervolume, and the last population's first front as stored (empty when it is
     * the reported front: see {@link #lastPopulationFront()}).
     */
    record SearchCompleted(int generations, List<StrategyId> front, double hypervolume, List<StrategyId> populationFront)
            implements SearchEvent {
        public SearchCompleted {
            front = List.copyOf(front);
            populationFront = List.copyOf(populationFront);
        }

        /** The last population's first front. */
        public List<StrategyId> lastPopulationFront() {
            return populationFront.isEmpty() ? front : populationFront;
        }

        @Override
        public int generation() {
            return generations;
        }

        @Override
        public String summary() {
            return "front " + front + ", HV " + String.format(Locale.ROOT, "%.4f", hypervolume)
                    + (populationFront.isEmpty() ? "" : ", last population's front " + populationFront);
        }
    }
}
