package org.cim2pq.persistence.event;

import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cim2pq.engine.genome.IntGenome;
import org.cim2pq.engine.genome.StrategyId;
import org.cim2pq.engine.problem.Objectives;
import org.cim2pq.engine.search.SearchProgress;
import org.cim2pq.engine.search.StepDecision;
import org.cim2pq.engine.selection.CandidateFate;
import org.cim2pq.engine.space.CandidateSet;
import org.cim2pq.engine.space.CimSearchSpace;
import org.cim2pq.engine.space.Granularity;
import org.cim2pq.engine.space.PrecisionKind;
import org.cim2pq.engine.space.TilePrecision;
import org.cim2pq.engine.variation.CrossoverMask;
import org.cim2pq.engine.variation.MutationSite;
import org.cim2pq.engine.variation.MutationState;
import org.cim2pq.persistence.proto.BornStrategy;
import org.cim2pq.persistence.proto.EliminatedDuplicate;
import org.cim2pq.persistence.proto.LayerPin;
import org.cim2pq.persistence.proto.SearchSpaceDescription;
import org.cim2pq.persistence.proto.TileSite;

/**
 * The one mapping between the journal's typed events ({@link SearchEvent}) and their stored protobuf form
 * (search_events.proto): events, the search space, mutation states, sites and fates. Format 1 journals said that a
 * result was a copy only in a text field ({@code evaluator = "same genome as <id>"}, attempt 0); decoding reads that
 * convention here, once, so nothing else ever looks at the text.
 */
public final class SearchEventCodec {

    /**
     * Journal format this code writes: 2 adds the search space, the platform and copied_from; 3 adds the front's
     * re-evaluations (SearchStarted.reevaluations, StrategyReevaluated), events a format 2 reader cannot decode.
     */
    public static final int FORMAT_VERSION = 3;
    /** Formats this code reads. */
    public static final int OLDEST_READABLE_FORMAT = 1;

    private static final String LEGACY_COPY = "same genome as ";

    private SearchEventCodec() {}

    /** Whether {@code message} is one of the search's stored events (not a snapshot or a wire message). */
    public static boolean isEvent(Object message) {
        return message instanceof org.cim2pq.persistence.proto.SearchStarted
                || message instanceof org.cim2pq.persistence.proto.PopulationInitialized
                || message instanceof org.cim2pq.persistence.proto.GenerationStarted
                || message instanceof org.cim2pq.persistence.proto.CrossoverApplied
                || message instanceof org.cim2pq.persistence.proto.MutationApplied
                || message instanceof org.cim2pq.persistence.proto.StrategyEvaluated
                || message instanceof org.cim2pq.persistence.proto.EvaluationFailed
                || message instanceof org.cim2pq.persistence.proto.SelectionApplied
                || message instanceof org.cim2pq.persistence.proto.SearchCompleted
                || message instanceof org.cim2pq.persistence.proto.StrategyReevaluated;
    }

    // --- typed -> stored ----------------------------------------------------------------------------------------

    public static Message encode(SearchEvent event) {
        if (event instanceof SearchEvent.SearchStarted e) {
            return encodeStarted(e);
        } else if (event instanceof SearchEvent.PopulationInitialized e) {
            var b = org.cim2pq.persistence.proto.PopulationInitialized.newBuilder();
            for (SearchEvent.Born s : e.strategies()) {
                b.addStrategies(BornStrategy.newBuilder().setStrategyId(s.id().toString())
                        .setGenome(s.genome().encode()).setOrigin(s.origin()));
            }
            return b.build();
        } else if (event instanceof SearchEvent.GenerationStarted e) {
            return org.cim2pq.persistence.proto.GenerationStarted.newBuilder().setGeneration(e.generation())
                    .setMutation(encode(e.mutation())).setMutationProbability(e.mutationProbability()).build();
        } else if (event instanceof SearchEvent.CrossoverApplied e) {
            return org.cim2pq.persistence.proto.CrossoverApplied.newBuilder().setGeneration(e.generation())
                    .setChildId(e.child().toString()).setFirstParent(e.firstParent().toString())
                    .setSecondParent(e.secondParent().toString()).setMask(e.mask().toString()).build();
        } else if (event instanceof SearchEvent.MutationApplied e) {
            var b = org.cim2pq.persistence.proto.MutationApplied.newBuilder().setGeneration(e.generation())
                    .setChildId(e.child().toString()).setGenome(e.genome().encode()).setProbability(e.probability());
            for (MutationSite site : e.sites()) {
                b.addSites(org.cim2pq.persistence.proto.MutationSite.newBuilder().setGene(site.gene())
                        .setOldValue(site.oldValue()).setNewValue(site.newValue()));
            }
            return b.build();
        } else if (event instanceof SearchEvent.StrategyEvaluated e) {
            return encodeResult(e);
        } else if (event instanceof SearchEvent.EvaluationFailed e) {
            var b = org.cim2pq.persistence.proto.EvaluationFailed.newBuilder().setStrategyId(e.id().toString())
                    .setReason(e.reason()).setAttempts(e.attempts());
            if (e.copiedFrom() != null) {
                b.setCopiedFrom(e.copiedFrom().toString());
            }
            return b.build();
        } else if (event instanceof SearchEvent.SelectionApplied e) {
            var b = org.cim2pq.persistence.proto.SelectionApplied.newBuilder().setGeneration(e.generation())
                    .setHypervolume(e.hypervolume());
            e.survivors().forEach(id -> b.addSurvivors(id.toString()));
            for (CandidateFate f : e.fates()) {
                b.addFates(org.cim2pq.persistence.proto.CandidateFate.newBuilder().setStrategyId(f.id().toString())
                        .setFront(f.front()).setReferencePoint(f.referencePoint()).setDistance(f.distance())
                        .setNicheCount(f.nicheCount()).setQuotaMember(f.quotaMember()).setSurvived(f.survived()));
            }
            for (StepDecision.Duplicate d : e.duplicates()) {
                b.addDuplicates(EliminatedDuplicate.newBuilder().setStrategyId(d.strategy().toString())
                        .setSameAs(d.sameAs().toString()));
            }
            return b.build();
        } else if (event instanceof SearchEvent.SearchCompleted e) {
            var b = org.cim2pq.persistence.proto.SearchCompleted.newBuilder().setGenerations(e.generations())
                    .setHypervolume(e.hypervolume());
            e.front().forEach(id -> b.addFront(id.toString()));
            e.populationFront().forEach(id -> b.addPopulationFront(id.toString()));
            return b.build();
        } else if (event instanceof SearchEvent.StrategyReevaluated e) {
            return encodeReevaluation(e);
        }
        throw new IllegalArgumentException("not a search event: " + event);
    }

    /** A result as stored (also what a pipeline sends back across nodes). */
    public static org.cim2pq.persistence.proto.StrategyEvaluated encodeResult(SearchEvent.StrategyEvaluated e) {
        var b = org.cim2pq.persistence.proto.StrategyEvaluated.newBuilder().setStrategyId(e.id().toString())
                .putAllMetrics(e.metrics()).setAttempt(e.attempt()).setEvaluator(e.evaluator())
                .setEvaluationNanos(e.evaluationNanos());
        for (double v : e.objectives().values()) {
            b.addObjectives(v);
        }
        if (e.copiedFrom() != null) {
            b.setCopiedFrom(e.copiedFrom().toString());
        }
        return b.build();
    }

    private static org.cim2pq.persistence.proto.StrategyReevaluated encodeReevaluation(
            SearchEvent.StrategyReevaluated e) {
        var b = org.cim2pq.persistence.proto.StrategyReevaluated.newBuilder().setStrategyId(e.id().toString())
                .setProtocol(encode(e.protocol())).putAllMetrics(e.metrics()).setEvaluator(e.evaluator())
                .setEvaluationNanos(e.evaluationNanos()).setTop1Correct(e.top1Correct())
                .setTop1Classified(e.top1Classified());
        for (double v : e.objectives().values()) {
            b.addObjectives(v);
        }
        return b.build();
    }

    public static org.cim2pq.persistence.proto.EvaluationProtocol encode(SearchEvent.EvaluationProtocol p) {
        return org.cim2pq.persistence.proto.EvaluationProtocol.newBuilder().setMachine(p.machine())
                .setPreset(p.preset()).setImages(p.images()).setImageCount(p.imageCount())
                .setSubsetSeed(p.subsetSeed()).setNoiseProfile(p.noiseProfile()).setNoiseDraws(p.noiseDraws()).build();
    }

    public static SearchEvent.EvaluationProtocol decode(org.cim2pq.persistence.proto.EvaluationProtocol p) {
        return new SearchEvent.EvaluationProtocol(p.getMachine(), p.getPreset(), p.getImages(), p.getImageCount(),
                p.getSubsetSeed(), p.getNoiseProfile(), p.getNoiseDraws());
    }

    private static SearchEvent.StrategyReevaluated decodeReevaluation(
            org.cim2pq.persistence.proto.StrategyReevaluated e) {
        return new SearchEvent.StrategyReevaluated(StrategyId.parse(e.getStrategyId()), decode(e.getProtocol()),
                Objectives.of(e.getObjectivesList().stream().mapToDouble(Double::doubleValue).toArray()),
                e.getMetricsMap(), e.getEvaluator(), e.getEvaluationNanos(), e.getTop1Correct(), e.getTop1Classified());
    }

    private static org.cim2pq.persistence.proto.SearchStarted encodeStarted(SearchEvent.SearchStarted e) {
        var b = org.cim2pq.persistence.proto.SearchStarted.newBuilder().setSearchId(e.searchId())
                .setFormatVersion(e.formatVersion())
                .setSearchSpaceFingerprint(e.spaceFingerprint()).setUnits(e.units()).setGenes(e.genes())
                .setStartedAtEpochMs(e.startedAtEpochMs()).addAllObjectives(e.objectives())
                .setPopulation(e.population()).setGenerations(e.generations()).setSelection(e.selection())
                .setQuota(e.quota()).setAccuracyTolerance(e.accuracyTolerance()).setGranularity(e.granularity())
                .setMethodRevision(e.methodRevision());
        if (!e.provenance().equals(org.cim2pq.persistence.proto.Provenance.getDefaultInstance())) {
            b.setProvenance(e.provenance());
        }
        if (e.space() != null) {
            b.setSpace(describe(e.space(), e.tiles()));
        }
        if (e.platform() != null) {
            b.setPlatform(e.platform());
        }
        e.reevaluations().forEach(p -> b.addReevaluations(encode(p)));
        return b.build();
    }

    public static org.cim2pq.persistence.proto.MutationState encode(MutationState m) {
        return org.cim2pq.persistence.proto.MutationState.newBuilder().setFactor(m.factor())
                .setStagnantGenerations(m.stagnantGenerations()).setBestHypervolume(m.bestHypervolume()).build();
    }

    /** A search space and its tiles as the journal records them. */
    public static SearchSpaceDescription describe(CimSearchSpace space, List<SearchEvent.Tile> tiles) {
        if (tiles.size() != space.tileCount()) {
            throw new IllegalArgumentException(tiles.size() + " tiles described for a space of " + space.tileCount());
        }
        var b = SearchSpaceDescription.newBuilder().setGranularity(space.granularity().name().toLowerCase(Locale.ROOT))
                .addAllInputBits(space.candidates(PrecisionKind.INPUT).bits())
                .addAllWeightBits(space.candidates(PrecisionKind.WEIGHT).bits())
                .addAllPartialSumBits(space.candidates(PrecisionKind.PARTIAL_SUM).bits());
        for (SearchEvent.Tile t : tiles) {
            b.addTiles(TileSite.newBuilder().setLayerIndex(t.layerIndex()).setLayer(t.layer()).setRowBlock(t.rowBlock())
                    .setColumnBlock(t.columnBlock()).setTileId(t.id()).setGroup(t.group()));
        }
        for (Map.Entry<Integer, TilePrecision> pin : space.pinnedLayers().entrySet()) {
            b.addPins(LayerPin.newBuilder().setLayerIndex(pin.getKey()).setInputBits(pin.getValue().inputBits())
                    .setWeightBits(pin.getValue().weightBits()).setPartialSumBits(pin.getValue().partialSumBits()));
        }
        double[] sensitivity = space.tileSensitivity();
        if (sensitivity != null) {
            for (double s : sensitivity) {
                b.addTileSensitivity(s);
            }
        }
        return b.build();
    }

    // --- stored -> typed ----------------------------------------------------------------------------------------

    /** The typed start of a search, when {@code stored} is one. */
    public static java.util.Optional<SearchEvent.SearchStarted> start(Object stored) {
        return stored instanceof org.cim2pq.persistence.proto.SearchStarted e ? java.util.Optional.of(decodeStarted(e))
                : java.util.Optional.empty();
    }

    /** The typed event of a stored one; IllegalArgumentException for anything that is not a search event. */
    public static SearchEvent decode(Object message) {
        if (message instanceof org.cim2pq.persistence.proto.SearchStarted e) {
            return decodeStarted(e);
        } else if (message instanceof org.cim2pq.persistence.proto.PopulationInitialized e) {
            List<SearchEvent.Born> born = new ArrayList<>();
            for (BornStrategy b : e.getStrategiesList()) {
                born.add(new SearchEvent.Born(StrategyId.parse(b.getStrategyId()), IntGenome.decode(b.getGenome()),
                        b.getOrigin()));
            }
            return new SearchEvent.PopulationInitialized(born);
        } else if (message instanceof org.cim2pq.persistence.proto.GenerationStarted e) {
            return new SearchEvent.GenerationStarted(e.getGeneration(), decode(e.getMutation()),
                    e.getMutationProbability());
        } else if (message instanceof org.cim2pq.persistence.proto.CrossoverApplied e) {
            return new SearchEvent.CrossoverApplied(e.getGeneration(), StrategyId.parse(e.getChildId()),
                    StrategyId.parse(e.getFirstParent()), StrategyId.parse(e.getSecondParent()),
                    CrossoverMask.parse(e.getMask()));
        } else if (message instanceof org.cim2pq.persistence.proto.MutationApplied e) {
            List<MutationSite> sites = new ArrayList<>();
            e.getSitesList().forEach(s -> sites.add(new MutationSite(s.getGene(), s.getOldValue(), s.getNewValue())));
            return new SearchEvent.MutationApplied(e.getGeneration(), StrategyId.parse(e.getChildId()), sites,
                    IntGenome.decode(e.getGenome()), e.getProbability());
        } else if (message instanceof org.cim2pq.persistence.proto.StrategyEvaluated e) {
            return decodeResult(e);
        } else if (message instanceof org.cim2pq.persistence.proto.EvaluationFailed e) {
            StrategyId copiedFrom = !e.getCopiedFrom().isEmpty() ? StrategyId.parse(e.getCopiedFrom())
                    : e.getAttempts() == 0 ? legacyCopySource(e.getReason()) : null;
            return new SearchEvent.EvaluationFailed(StrategyId.parse(e.getStrategyId()), e.getReason(), e.getAttempts(),
                    copiedFrom);
        } else if (message instanceof org.cim2pq.persistence.proto.SelectionApplied e) {
            List<CandidateFate> fates = new ArrayList<>();
            for (var f : e.getFatesList()) {
                fates.add(new CandidateFate(StrategyId.parse(f.getStrategyId()), f.getFront(), f.getReferencePoint(),
                        f.getDistance(), f.getNicheCount(), f.getQuotaMember(), f.getSurvived()));
            }
            List<StepDecision.Duplicate> duplicates = e.getDuplicatesList().stream()
                    .map(d -> new StepDecision.Duplicate(StrategyId.parse(d.getStrategyId()),
                            StrategyId.parse(d.getSameAs()))).toList();
            return new SearchEvent.SelectionApplied(e.getGeneration(), ids(e.getSurvivorsList()), fates,
                    e.getHypervolume(), duplicates);
        } else if (message instanceof org.cim2pq.persistence.proto.SearchCompleted e) {
            return new SearchEvent.SearchCompleted(e.getGenerations(), ids(e.getFrontList()), e.getHypervolume(),
                    ids(e.getPopulationFrontList()));
        } else if (message instanceof org.cim2pq.persistence.proto.StrategyReevaluated e) {
            return decodeReevaluation(e);
        }
        throw new IllegalArgumentException("not a search event: "
                + (message instanceof Message m ? m.getDescriptorForType().getFullName() : String.valueOf(message)));
    }

    public static SearchEvent.StrategyEvaluated decodeResult(org.cim2pq.persistence.proto.StrategyEvaluated e) {
        StrategyId copiedFrom = !e.getCopiedFrom().isEmpty() ? StrategyId.parse(e.getCopiedFrom())
                : e.getAttempt() == 0 ? legacyCopySource(e.getEvaluator()) : null;
        return new SearchEvent.StrategyEvaluated(StrategyId.parse(e.getStrategyId()),
                Objectives.of(e.getObjectivesList().stream().mapToDouble(Double::doubleValue).toArray()),
                e.getMetricsMap(), e.getAttempt(), e.getEvaluator(), e.getEvaluationNanos(), copiedFrom);
    }

    /** Format 1: "same genome as g1-2" (or "..., which failed") on attempt 0 named the copied strategy. */
    private static StrategyId legacyCopySource(String text) {
        if (!text.startsWith(LEGACY_COPY)) {
            return null;
        }
        String rest = text.substring(LEGACY_COPY.length());
        int end = rest.indexOf(',');
        return StrategyId.parse(end < 0 ? rest : rest.substring(0, end));
    }

    private static SearchEvent.SearchStarted decodeStarted(org.cim2pq.persistence.proto.SearchStarted e) {
        CimSearchSpace space = e.hasSpace() ? space(e.getSpace()) : null;
        List<SearchEvent.Tile> tiles = e.hasSpace() ? tiles(e.getSpace()) : null;
        return new SearchEvent.SearchStarted(e.getSearchId(), e.getFormatVersion(), e.getProvenance(),
                e.getSearchSpaceFingerprint(), e.getUnits(), e.getGenes(), e.getStartedAtEpochMs(),
                e.getObjectivesList(), e.getPopulation(), e.getGenerations(), e.getSelection(), e.getQuota(),
                e.getAccuracyTolerance(), e.getGranularity(), space, tiles, e.hasPlatform() ? e.getPlatform() : null,
                e.getMethodRevision(), e.getReevaluationsList().stream().map(SearchEventCodec::decode).toList());
    }

    public static MutationState decode(org.cim2pq.persistence.proto.MutationState m) {
        return new MutationState(m.getFactor(), m.getStagnantGenerations(), m.getBestHypervolume());
    }

    /** The engine's search space from its journaled description. */
    public static CimSearchSpace space(SearchSpaceDescription d) {
        int[] layers = d.getTilesList().stream().mapToInt(TileSite::getLayerIndex).toArray();
        CimSearchSpace.Builder b = CimSearchSpace.builder().setTileLayers(layers)
                .optGranularity(Granularity.valueOf(d.getGranularity().toUpperCase(Locale.ROOT)))
                .optInputBits(new CandidateSet(d.getInputBitsList()))
                .optWeightBits(new CandidateSet(d.getWeightBitsList()))
                .optPartialSumBits(new CandidateSet(d.getPartialSumBitsList()));
        for (LayerPin pin : d.getPinsList()) {
            b.optPinnedLayer(pin.getLayerIndex(),
                    new TilePrecision(pin.getInputBits(), pin.getWeightBits(), pin.getPartialSumBits()));
        }
        if (d.getTileSensitivityCount() > 0) {
            b.optSensitivity(d.getTileSensitivityList().stream().mapToDouble(Double::doubleValue).toArray());
        }
        return b.build();
    }

    public static List<SearchEvent.Tile> tiles(SearchSpaceDescription d) {
        return d.getTilesList().stream().map(t -> new SearchEvent.Tile(t.getLayerIndex(), t.getLayer(),
                t.getRowBlock(), t.getColumnBlock(), t.getTileId(), t.getGroup())).toList();
    }

    // --- snapshots ----------------------------------------------------------------------------------------------

    /** A running search's state (a bounded read model) as its snapshot. */
    public static org.cim2pq.persistence.proto.SearchSnapshot snapshot(SearchReadModel model) {
        SearchProgress p = model.progress();
        var b = org.cim2pq.persistence.proto.SearchSnapshot.newBuilder().setGeneration(p.generation())
                .setSelectedGeneration(p.selectedGeneration()).setHypervolume(p.hypervolume())
                .setCompleted(p.isCompleted()).setMutation(encode(p.mutation())).setEvaluations(p.evaluations());
        if (model.started() != null) {
            b.setStarted(encodeStarted(model.started()));
        }
        // Genomes in id order, which is birth order, so replaying them restores the first strategy of each genome.
        p.genomes().forEach((id, g) -> b.addStrategies(BornStrategy.newBuilder().setStrategyId(id.toString())
                .setGenome(g.encode())));
        model.results().values().forEach(r -> b.addResults(encodeResult(r)));
        p.failures().forEach((id, reason) -> b.addFailed(id + "\t" + reason));
        p.initial().forEach(id -> b.addInitial(id.toString()));
        p.population().forEach(id -> b.addPopulation(id.toString()));
        p.births().forEach(id -> b.addBirths(id.toString()));
        p.front().forEach(id -> b.addFront(id.toString()));
        p.archive().forEach(id -> b.addArchive(id.toString()));
        Objectives ideal = p.ideal();
        if (ideal != null) {
            for (double v : ideal.values()) {
                b.addIdeal(v);
            }
        }
        if (model.completed() != null) {
            b.setCompletedHypervolume(model.completed().hypervolume())
                    .setCompletedGenerations(model.completed().generations());
            model.completed().populationFront().forEach(id -> b.addCompletedPopulationFront(id.toString()));
        }
        model.reevaluations().forEach(r -> b.addReevaluations(encodeReevaluation(r)));
        return b.build();
    }

    /** The bounded read model a snapshot holds. */
    public static SearchReadModel restore(org.cim2pq.persistence.proto.SearchSnapshot s) {
        Map<StrategyId, IntGenome> genomes = new LinkedHashMap<>();
        for (BornStrategy b : s.getStrategiesList()) {
            genomes.put(StrategyId.parse(b.getStrategyId()), IntGenome.decode(b.getGenome()));
        }
        List<SearchEvent.StrategyEvaluated> results = s.getResultsList().stream()
                .map(SearchEventCodec::decodeResult).toList();
        Map<StrategyId, Objectives> objectives = new LinkedHashMap<>();
        results.forEach(r -> objectives.put(r.id(), r.objectives()));
        Map<StrategyId, String> failed = new LinkedHashMap<>();
        for (String f : s.getFailedList()) {
            int tab = f.indexOf('\t');
            failed.put(StrategyId.parse(f.substring(0, tab)), f.substring(tab + 1));
        }
        List<StrategyId> front = ids(s.getFrontList());
        SearchProgress progress = SearchProgress.restore(s.getGeneration(), genomes, objectives, failed,
                ids(s.getInitialList()), ids(s.getPopulationList()), ids(s.getBirthsList()), decode(s.getMutation()),
                s.getSelectedGeneration(), s.getHypervolume(), s.getCompleted(), front, s.getEvaluations(),
                s.getIdealCount() == 0 ? null
                        : Objectives.of(s.getIdealList().stream().mapToDouble(Double::doubleValue).toArray()),
                ids(s.getArchiveList()));
        SearchEvent.SearchCompleted completed = !s.getCompleted() ? null
                : new SearchEvent.SearchCompleted(Math.max(s.getCompletedGenerations(), s.getGeneration()), front,
                        s.getCompletedHypervolume(), ids(s.getCompletedPopulationFrontList()));
        return SearchReadModel.restored(s.hasStarted() ? decodeStarted(s.getStarted()) : null, progress, results,
                completed, s.getReevaluationsList().stream().map(SearchEventCodec::decodeReevaluation).toList());
    }

    private static List<StrategyId> ids(List<String> ids) {
        return ids.stream().map(StrategyId::parse).toList();
    }
}
