package org.cim2pq.actors.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.cim2pq.actors.evaluation.AnalyticModel;
import org.cim2pq.actors.evaluation.EvaluationQueue;
import org.cim2pq.actors.metrics.NodeMetrics;
import org.cim2pq.persistence.proto.EvaluationFailed;
import org.cim2pq.persistence.proto.StrategyEvaluated;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The meters a node publishes count what the journal records: a search whose strategies with the lowest input
 * precision on the first tile always crash (so they are retried, then recorded as failed) runs with its meters on a
 * registry; afterwards the counters agree with the journal, the gauges with the search's final state, and once the
 * actor system stops only the node's own count is left.
 */
class SearchMetersTest {

    @Test
    void metersCountWhatTheJournalRecordsAndLeaveWithTheirActors(@TempDir Path dir) throws Exception {
        AnalyticModel model = new AnalyticModel(new int[] {2, 2}, 0).wrapped(g -> g.name().equals("layer0")
                ? new SimulatorFaultsTest.Faulty(g, genome -> genome.get(0) == 0) : g);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (LocalSearchHarness h = new LocalSearchHarness(dir, model, 2, new EvaluationQueue.Settings(3,
                Duration.ofSeconds(20)), SimulatorFaultsTest.FAST_RESTARTS)) {
            NodeMetrics.get(h.system).publishTo(registry);
            ActorRef<SearchActor.Command> search = h.start(new SearchDefinition("metered", model,
                    SearchSettings.of(3, 8, 3), "{}"));
            SearchActor.Progress done = h.awaitCompletion(search, Duration.ofSeconds(60));
            assertTrue(done.completed(), done.toString());
            List<Object> events = h.events("metered");

            long evaluated = events.stream().filter(StrategyEvaluated.class::isInstance).map(StrategyEvaluated.class::cast)
                    .filter(e -> e.getCopiedFrom().isEmpty()).count();
            long failed = events.stream().filter(EvaluationFailed.class::isInstance).map(EvaluationFailed.class::cast)
                    .filter(e -> e.getAttempts() == 3).count();
            assertTrue(evaluated > 0 && failed > 0, "the search must both evaluate and fail some: " + evaluated + ", " + failed);

            assertEquals(evaluated, pipelines(registry, "evaluated"), "results the pipelines finished");
            assertEquals(3 * failed, pipelines(registry, "failed"), "attempts the pipelines failed");
            assertEquals(evaluated, registry.get(NodeMetrics.NODE_EVALUATIONS).tags("outcome", "evaluated").counter()
                    .count(), 0.0, "the node's own count");
            assertEquals(evaluated, registry.get(NodeMetrics.QUEUE_OUTCOMES).tags("search", "metered", "outcome", "evaluated")
                    .counter().count(), 0.0);
            assertEquals(failed, registry.get(NodeMetrics.QUEUE_OUTCOMES).tags("search", "metered", "outcome", "failed")
                    .counter().count(), 0.0);
            assertEquals(2 * failed, registry.get(NodeMetrics.RETRIES).tags("search", "metered").counter().count(), 0.0);

            assertEquals(3, gauge(registry, NodeMetrics.SEARCH_GENERATION), 0.0);
            assertEquals(done.evaluations(), gauge(registry, NodeMetrics.SEARCH_EVALUATIONS), 0.0);
            assertEquals(0, gauge(registry, NodeMetrics.QUEUE_DEPTH), 0.0);
            assertEquals(0, gauge(registry, NodeMetrics.QUEUE_IN_FLIGHT), 0.0);
            assertTrue(registry.get(NodeMetrics.JOURNAL_WRITE).tags("search", "metered").timer().count() >= 4,
                    "every generation persists at least once");
            assertEquals(2, registry.find(NodeMetrics.PIPELINE_SLOTS).gauges().size(), "one slots gauge per pipeline");
            double busy = registry.find(NodeMetrics.PIPELINE_BUSY).counters().stream().mapToDouble(Counter::count).sum();
            assertTrue(busy > 0, "the pipelines were busy for some time: " + busy);
        }
        // Only the node's own count stays; every search, queue and pipeline series left with its actor.
        assertTrue(registry.getMeters().stream().map(m -> m.getId().getName()).filter(n -> n.startsWith("cim2pq."))
                .allMatch(NodeMetrics.NODE_EVALUATIONS::equals), () -> "meters left after the system stopped: "
                + registry.getMeters().stream().map(m -> m.getId().toString()).toList());
    }

    private static double pipelines(SimpleMeterRegistry registry, String outcome) {
        return registry.find(NodeMetrics.PIPELINE_EVALUATIONS).tags("search", "metered", "outcome", outcome).counters()
                .stream().mapToDouble(Counter::count).sum();
    }

    private static double gauge(SimpleMeterRegistry registry, String name) {
        Gauge g = registry.get(name).tags("search", "metered").gauge();
        return g.value();
    }
}
