package org.cim2pq.actors.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorRef;
import org.cim2pq.actors.evaluation.AnalyticModel;
import org.cim2pq.actors.evaluation.EvaluationPipeline;
import org.cim2pq.actors.evaluation.EvaluationQueue;
import org.cim2pq.actors.evaluation.TileGroupSimulation;
import org.cim2pq.engine.genome.IntGenome;
import org.cim2pq.persistence.proto.EvaluationFailed;
import org.cim2pq.persistence.proto.SearchCompleted;
import org.cim2pq.persistence.proto.StrategyEvaluated;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Supervision of tile-group simulators: a crash is retried on a restarted simulator; a strategy that always fails is recorded as failed. */
class SimulatorFaultsTest {

    static final EvaluationPipeline.Settings FAST_RESTARTS =
            new EvaluationPipeline.Settings(Duration.ofSeconds(20), Duration.ofMillis(20), Duration.ofMillis(200));

    /** Delegates to a group, throwing instead when {@code fail} says so. */
    record Faulty(TileGroupSimulation group, java.util.function.Predicate<IntGenome> fail) implements TileGroupSimulation {
        @Override
        public String name() {
            return group.name();
        }

        @Override
        public org.cim2pq.actors.evaluation.StageOutput run(IntGenome genome,
                org.cim2pq.actors.evaluation.Activations upstream) throws Exception {
            if (fail.test(genome)) {
                throw new IllegalStateException("injected fault in " + group.name());
            }
            return group.run(genome, upstream);
        }
    }

    @Test
    void simulatorThatThrowsOnItsFirstCallIsRestartedAndTheEvaluationSucceeds(@TempDir Path dir) throws Exception {
        AtomicInteger calls = new AtomicInteger();
        AnalyticModel model = new AnalyticModel(new int[] {2, 2}, 0).wrapped(g -> g.name().equals("layer1")
                ? new Faulty(g, genome -> calls.getAndIncrement() == 0) : g);
        List<Object> events = run(dir, model, 1);
        List<StrategyEvaluated> evaluated = events.stream().filter(StrategyEvaluated.class::isInstance)
                .map(StrategyEvaluated.class::cast).toList();
        assertTrue(events.stream().noneMatch(EvaluationFailed.class::isInstance), "nothing failed for good");
        assertEquals(1, evaluated.stream().filter(e -> e.getAttempt() == 2).count(), "one evaluation took a retry");
        assertTrue(events.get(events.size() - 1) instanceof SearchCompleted);
        assertEquals(2, model.built.get(1).get(), "the crashed group was rebuilt once");
        assertEquals(1, model.built.get(0).get(), "the other group kept its state");
    }

    @Test
    void strategyThatAlwaysFailsIsRecordedAndTheSearchCompletes(@TempDir Path dir) throws Exception {
        // Every strategy whose first tile has the lowest input precision crashes layer 0, every time.
        AnalyticModel model = new AnalyticModel(new int[] {2, 2}, 0).wrapped(g -> g.name().equals("layer0")
                ? new Faulty(g, genome -> genome.get(0) == 0) : g);
        List<Object> events = run(dir, model, 2);
        List<EvaluationFailed> failed = events.stream().filter(EvaluationFailed.class::isInstance)
                .map(EvaluationFailed.class::cast).toList();
        assertTrue(!failed.isEmpty(), "some strategy must hit the fault");
        for (EvaluationFailed f : failed) {
            assertTrue(f.getAttempts() == 3 || f.getReason().startsWith("same genome as"), f.toString());
        }
        assertTrue(failed.stream().anyMatch(f -> f.getReason().contains("injected fault in layer0")));
        assertTrue(events.get(events.size() - 1) instanceof SearchCompleted);
    }

    private static List<Object> run(Path dir, AnalyticModel model, int pipelines) throws Exception {
        try (LocalSearchHarness h = new LocalSearchHarness(dir, model, pipelines,
                new EvaluationQueue.Settings(3, Duration.ofSeconds(20)), FAST_RESTARTS)) {
            ActorRef<SearchActor.Command> search = h.start(new SearchDefinition("faults", model,
                    SearchSettings.of(3, 8, 3), "{}"));
            SearchActor.Progress done = h.awaitCompletion(search, Duration.ofSeconds(60));
            assertTrue(done.completed(), done.toString());
            return h.events("faults");
        }
    }
}
