package org.cim2pq.actors.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.persistence.testkit.PersistenceTestKitSnapshotPlugin;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.cim2pq.actors.evaluation.AnalyticModel;
import org.cim2pq.actors.evaluation.EvaluationQueue;
import org.cim2pq.persistence.event.SearchEvent;
import org.cim2pq.persistence.event.SearchEventCodec;
import org.cim2pq.persistence.event.SearchReadModel;
import org.cim2pq.persistence.proto.MutationApplied;
import org.cim2pq.persistence.proto.StrategyEvaluated;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A journal write that fails (a Cassandra outage) loses nothing: the search restarts with backoff, hands out again
 * the strategy whose result was not written, and its state is the fold of its journal. (Pekko applies an event to
 * the state before the write succeeds and restarts from the object {@code emptyState()} gave it; with a mutable read
 * model that once kept the unwritten result in memory, so the search went on without it in its journal.)
 */
class SearchActorWriteFailureTest {

    static final ActorTestKit TESTKIT = ActorTestKit.create(EventSourcedBehaviorTestKit.config()
            .withFallback(PersistenceTestKitSnapshotPlugin.config()).withFallback(ConfigFactory.load()));

    @AfterAll
    static void stop() {
        TESTKIT.shutdownTestKit();
    }

    @Test
    void aResultWhoseWriteFailedIsEvaluatedAgainAndJournaledOnce() throws Exception {
        AnalyticModel model = new AnalyticModel(new int[] {2, 2}, 0);
        SearchDefinition definition = new SearchDefinition("write-failure", model, SearchSettings.of(4, 6, 2), "{}");
        TestProbe<EvaluationQueue.Command> queue = TESTKIT.createTestProbe();
        EventSourcedBehaviorTestKit<SearchActor.Command, SearchEvent, SearchReadModel> kit = EventSourcedBehaviorTestKit.create(
                TESTKIT.system(), SearchActor.create(definition, queue.ref()),
                EventSourcedBehaviorTestKit.enabledSerializationSettings().withVerifyCommands(false).withVerifyState(false));

        SearchActorTestKitTest.answer(queue, model, 6); // generation 0
        List<EvaluationQueue.Submit> generation1 = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            generation1.add(queue.expectMessageClass(EvaluationQueue.Submit.class, Duration.ofSeconds(20)));
        }
        SearchActorTestKitTest.reply(generation1.get(0), model);
        SearchActorTestKitTest.reply(generation1.get(1), model);
        SearchActorTestKitTest.awaitState(kit, st -> st.progress().evaluations() == 8);
        kit.persistenceTestKit().failNextPersisted();
        SearchActorTestKitTest.reply(generation1.get(2), model); // its write fails: the search restarts

        // The new incarnation hands out every strategy of generation 1 its journal has not resolved, the failed one too.
        Set<String> handedOutAgain = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            EvaluationQueue.Submit again = queue.expectMessageClass(EvaluationQueue.Submit.class, Duration.ofSeconds(20));
            handedOutAgain.add(again.job().getStrategyId());
            SearchActorTestKitTest.reply(again, model);
        }
        assertEquals(Set.of(generation1.get(2).job().getStrategyId(), generation1.get(3).job().getStrategyId(),
                generation1.get(4).job().getStrategyId(), generation1.get(5).job().getStrategyId()), handedOutAgain);
        // Generation 2 (a child that copies an earlier genome is not handed out: answer what comes).
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!kit.getState().isCompleted()) {
            assertTrue(System.nanoTime() < deadline, "the search did not complete");
            try {
                SearchActorTestKitTest.reply(queue.expectMessageClass(EvaluationQueue.Submit.class, Duration.ofMillis(300)), model);
            } catch (AssertionError nothingYet) {
                // nothing handed out just now
            }
        }

        List<Object> stored = kit.persistenceTestKit().persistedInStorage("search|write-failure");
        Map<String, Integer> results = new HashMap<>();
        Set<String> born = new HashSet<>();
        for (Object e : stored) {
            if (e instanceof StrategyEvaluated r) {
                results.merge(r.getStrategyId(), 1, Integer::sum);
            } else if (e instanceof MutationApplied m) {
                born.add(m.getChildId());
            }
        }
        assertTrue(results.keySet().containsAll(born), "every child has a journaled result: " + results.keySet());
        results.forEach((id, n) -> assertEquals(1, n, id + " journaled " + n + " times"));
        assertEquals(SearchEventCodec.snapshot(SearchReadModel.of(stored)), SearchEventCodec.snapshot(kit.getState()),
                "the state is the fold of the journal");
    }
}
