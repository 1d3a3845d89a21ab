package org.cim2pq.actors.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.cim2pq.actors.evaluation.AnalyticModel;
import org.cim2pq.actors.evaluation.EvaluationPipeline;
import org.cim2pq.actors.evaluation.EvaluationQueue;
import org.cim2pq.engine.genome.StrategyId;
import org.cim2pq.engine.search.CimSearch;
import org.cim2pq.engine.search.CimSearchResult;
import org.cim2pq.engine.search.GenerationRecord;
import org.cim2pq.engine.variation.Birth;
import org.cim2pq.persistence.proto.CrossoverApplied;
import org.cim2pq.persistence.proto.MutationApplied;
import org.cim2pq.persistence.proto.SearchCompleted;
import org.cim2pq.persistence.proto.SelectionApplied;
import org.cim2pq.persistence.proto.StrategyEvaluated;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The actor search, on a real H2 journal with frequent snapshots and two pipelines answering in any order,
 * makes exactly the decisions of the engine's in-memory reference loop ({@link CimSearch}) for the same seed.
 */
class SearchActorTest {

    static final int[] TILES = {2, 3, 2};

    @Test
    void journaledSearchMakesTheReferenceLoopsDecisions(@TempDir Path dir) throws Exception {
        AnalyticModel model = new AnalyticModel(TILES, 0);
        SearchSettings settings = SearchSettings.of(7, 12, 4).withSnapshotEvery(9);
        SearchDefinition definition = new SearchDefinition("ref", model, settings, "{}");

        List<Object> events;
        try (LocalSearchHarness h = new LocalSearchHarness(dir, model, 2, EvaluationQueue.Settings.DEFAULT,
                EvaluationPipeline.Settings.DEFAULT)) {
            ActorRef<SearchActor.Command> search = h.start(definition);
            SearchActor.Progress done = h.awaitCompletion(search, Duration.ofSeconds(60));
            assertNull(done.refused());
            assertEquals(4, done.generation());
            events = h.events("ref");
        }

        CimSearchResult reference = CimSearch.builder().setStep(SearchDefinition.stepSettings(model.space(), settings))
                .setObjectiveFunction(model::evaluate).build().run();

        for (GenerationRecord g : reference.generations()) {
            List<String> masks = new ArrayList<>();
            List<String> genomes = new ArrayList<>();
            for (Birth b : g.births()) {
                masks.add(b.child() + ":" + b.firstParent() + "+" + b.secondParent() + ":" + b.mask());
                genomes.add(b.child() + ":" + b.genome().encode());
            }
            assertEquals(masks, events.stream().filter(CrossoverApplied.class::isInstance).map(CrossoverApplied.class::cast)
                    .filter(e -> e.getGeneration() == g.generation())
                    .map(e -> e.getChildId() + ":" + e.getFirstParent() + "+" + e.getSecondParent() + ":" + e.getMask())
                    .toList(), "crossovers of generation " + g.generation());
            assertEquals(genomes, events.stream().filter(MutationApplied.class::isInstance).map(MutationApplied.class::cast)
                    .filter(e -> e.getGeneration() == g.generation()).map(e -> e.getChildId() + ":" + e.getGenome())
                    .toList(), "children of generation " + g.generation());
            SelectionApplied selection = events.stream().filter(SelectionApplied.class::isInstance)
                    .map(SelectionApplied.class::cast).filter(e -> e.getGeneration() == g.generation()).findFirst()
                    .orElseThrow();
            assertEquals(g.selection().survivors().stream().map(StrategyId::toString).toList(),
                    selection.getSurvivorsList(), "survivors of generation " + g.generation());
            assertEquals(g.hypervolume(), selection.getHypervolume(), 0.0);
        }

        // Every strategy evaluated exactly once; the search ended with the archive (the non-dominated set of every
        // evaluation that is not a copy) and the final population's first front.
        Set<String> evaluated = new HashSet<>();
        List<StrategyEvaluated> firsts = new ArrayList<>();
        for (Object e : events) {
            if (e instanceof StrategyEvaluated se) {
                assertTrue(evaluated.add(se.getStrategyId()), "evaluated twice: " + se.getStrategyId());
                if (se.getCopiedFrom().isEmpty()) {
                    firsts.add(se);
                }
            }
        }
        assertEquals(12 + 4 * 12, evaluated.size());
        SearchCompleted completed = (SearchCompleted) events.get(events.size() - 1);
        List<String> archive = firsts.stream().filter(a -> firsts.stream().noneMatch(b -> dominates(b, a)))
                .map(StrategyEvaluated::getStrategyId).sorted(java.util.Comparator.comparing(StrategyId::parse)).toList();
        assertEquals(archive, completed.getFrontList());
        List<String> populationFront = completed.getPopulationFrontCount() > 0 ? completed.getPopulationFrontList()
                : completed.getFrontList();
        assertFalse(populationFront.isEmpty());
        assertTrue(reference.population().stream().map(s -> s.id().toString()).toList().containsAll(populationFront));
    }

    private static boolean dominates(StrategyEvaluated a, StrategyEvaluated b) {
        return org.cim2pq.engine.selection.Dominance.dominates(
                a.getObjectivesList().stream().mapToDouble(Double::doubleValue).toArray(),
                b.getObjectivesList().stream().mapToDouble(Double::doubleValue).toArray());
    }

    @Test
    void aSearchCreatedFromItsIdAloneContinuesWhereItsJournalEnds(@TempDir Path dir) throws Exception {
        AnalyticModel model = new AnalyticModel(TILES, 0);
        SearchDefinition definition = new SearchDefinition("by-id", model, SearchSettings.of(5, 10, 25)
                .withSnapshotEvery(11), "{}");
        List<String> uninterrupted;
        try (LocalSearchHarness h = new LocalSearchHarness(dir.resolve("whole"), model, 2,
                EvaluationQueue.Settings.DEFAULT, EvaluationPipeline.Settings.DEFAULT)) {
            uninterrupted = h.awaitCompletion(h.start(definition), Duration.ofSeconds(60)).front();
        }
        Path journal = dir.resolve("stopped");
        try (LocalSearchHarness h = new LocalSearchHarness(journal, model, 2, EvaluationQueue.Settings.DEFAULT,
                EvaluationPipeline.Settings.DEFAULT)) {
            ActorRef<SearchActor.Command> search = h.start(definition);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (h.progress(search).generation() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertFalse(h.progress(search).completed(), "stopped before the end");
            search.tell(new SearchActor.Stop());
        }
        try (LocalSearchHarness h = new LocalSearchHarness(journal, model, 2, EvaluationQueue.Settings.DEFAULT,
                EvaluationPipeline.Settings.DEFAULT)) {
            SearchActor.Progress done = h.awaitCompletion(h.recover("by-id", 11), Duration.ofSeconds(60));
            assertNull(done.refused());
            assertEquals(uninterrupted, done.front());
        }
    }
}
