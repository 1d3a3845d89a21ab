package org.cim2pq.actors.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Message;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.persistence.testkit.PersistenceTestKitSnapshotPlugin;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.cim2pq.actors.evaluation.AnalyticModel;
import org.cim2pq.actors.evaluation.EvaluationOutcome;
import org.cim2pq.actors.evaluation.EvaluationQueue;
import org.cim2pq.engine.genome.IntGenome;
import org.cim2pq.persistence.event.SearchEvent;
import org.cim2pq.persistence.event.SearchEventCodec;
import org.cim2pq.persistence.event.SearchReadModel;
import org.cim2pq.persistence.proto.SearchSnapshot;
import org.cim2pq.persistence.serialization.ProtobufJournalSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The SearchActor under Pekko's EventSourcedBehaviorTestKit: every event it persists round-trips through the real
 * serializers (the testkit checks each one), a snapshot taken mid-search survives the serializer, and a restart
 * recovers a state from which the search continues exactly as it would have.
 */
class SearchActorTestKitTest {

    static final ActorTestKit TESTKIT = ActorTestKit.create(EventSourcedBehaviorTestKit.config()
            .withFallback(PersistenceTestKitSnapshotPlugin.config()).withFallback(ConfigFactory.load()));

    @AfterAll
    static void stop() {
        TESTKIT.shutdownTestKit();
    }

    @Test
    void eventsAndSnapshotsRoundTripThroughTheRealSerializersAndRestartRecovers() throws Exception {
        AnalyticModel model = new AnalyticModel(new int[] {2, 2}, 0);
        SearchDefinition definition = new SearchDefinition("kit", model, SearchSettings.of(9, 6, 2).withSnapshotEvery(7), "{}");
        TestProbe<EvaluationQueue.Command> queue = TESTKIT.createTestProbe();
        // Commands carry actor refs and are local-only; events are what the testkit must serialize and check.
        EventSourcedBehaviorTestKit<SearchActor.Command, SearchEvent, SearchReadModel> kit = EventSourcedBehaviorTestKit.create(
                TESTKIT.system(), SearchActor.create(definition, queue.ref()),
                EventSourcedBehaviorTestKit.enabledSerializationSettings().withVerifyCommands(false).withVerifyState(false));

        // Generation 0 is dispatched; answer it with real evaluations.
        answer(queue, model, 6);
        // Generation 1 is bred (persisted before dispatch) and dispatched; answer half of it, then restart.
        List<EvaluationQueue.Submit> pending = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            pending.add(queue.expectMessageClass(EvaluationQueue.Submit.class, Duration.ofSeconds(20)));
        }
        for (EvaluationQueue.Submit s : pending.subList(0, 3)) {
            reply(s, model);
        }
        awaitState(kit, st -> st.progress().evaluations() == 9);
        SearchReadModel before = kit.getState();
        SearchSnapshot snapshot = SearchEventCodec.snapshot(before);
        ProtobufJournalSerializer serializer = new ProtobufJournalSerializer();
        SearchReadModel restored = SearchEventCodec.restore((SearchSnapshot) serializer.fromBinary(
                serializer.toBinary(snapshot), serializer.manifest(snapshot)));
        assertEquals(snapshot, SearchEventCodec.snapshot(restored));
        assertTrue(kit.snapshotTestKit().isPresent());

        SearchReadModel recovered = kit.restart().state();
        assertEquals(snapshot, SearchEventCodec.snapshot(recovered));
        // After the restart the unanswered births are dispatched again; answering them completes the generation.
        for (int i = 0; i < 3; i++) {
            reply(queue.expectMessageClass(EvaluationQueue.Submit.class, Duration.ofSeconds(20)), model);
        }
        answer(queue, model, 6); // generation 2
        awaitState(kit, SearchReadModel::isCompleted);
    }

    static void awaitState(EventSourcedBehaviorTestKit<SearchActor.Command, SearchEvent, SearchReadModel> kit,
            java.util.function.Predicate<SearchReadModel> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.test(kit.getState())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("state never reached the expected condition: " + SearchEventCodec.snapshot(kit.getState()));
            }
            Thread.sleep(20);
        }
    }

    static void answer(TestProbe<EvaluationQueue.Command> queue, AnalyticModel model, int n) {
        for (int i = 0; i < n; i++) {
            reply(queue.expectMessageClass(EvaluationQueue.Submit.class, Duration.ofSeconds(20)), model);
        }
    }

    static void reply(EvaluationQueue.Submit s, AnalyticModel model) {
        double[] objectives = model.evaluate(IntGenome.decode(s.job().getGenome()));
        s.replyTo().tell(new EvaluationQueue.Evaluated(s.job().getStrategyId(),
                new EvaluationOutcome(objectives, java.util.Map.of()), 1, "probe", 0));
    }
}
