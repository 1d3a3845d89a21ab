package org.cim2pq.actors.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.cim2pq.persistence.proto.EvaluationRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Every message that may cross nodes round-trips as protobuf through the one wire codec, actor refs included. */
class WireSerializerTest {

    static final ActorTestKit KIT = ActorTestKit.create();

    @AfterAll
    static void stop() {
        KIT.shutdownTestKit();
    }

    @Test
    void everyWireMessageRoundTrips() throws Exception {
        EvaluationRequest job = EvaluationRequest.newBuilder().setSearchId("s").setStrategyId("g1-2").setGenome("645")
                .setAttempt(2).build();
        EvaluationOutcome outcome = new EvaluationOutcome(new double[] {9.5, 1e6, 2e4, 3e5}, Map.of("tops_per_w", 2.5));
        var outcomes = KIT.<EvaluationQueue.Outcome>createTestProbe().ref();
        var pipelines = KIT.<EvaluationQueue.Work>createTestProbe().ref();
        List<EvaluationQueue.Wire> messages = List.of(
                new EvaluationQueue.Submit(job, outcomes),
                new EvaluationQueue.RequestWork(pipelines),
                new EvaluationQueue.Work(job),
                new EvaluationQueue.Completed(job, outcome, "pipeline-1", 1234),
                new EvaluationQueue.JobFailed(job, "tile group 0 crashed"),
                new EvaluationQueue.Evaluated("g1-2", outcome, 2, "pipeline-1", 1234),
                new EvaluationQueue.Failed("g1-2", "crashed 3 times", 3));
        Serialization serialization = SerializationExtension.get(Adapter.toClassic(KIT.system()));
        for (EvaluationQueue.Wire m : messages) {
            Serializer serializer = serialization.findSerializerFor(m);
            assertInstanceOf(org.cim2pq.actors.wire.WireSerializer.class, serializer, m.getClass().getName());
            byte[] bytes = serialization.serialize(m).get();
            Object back = serialization.deserialize(bytes, serializer.identifier(), Serializers.manifestFor(serializer, m)).get();
            assertSame(m, back);
        }
    }

    @Test
    void searchCommandsAndProgressRoundTrip() throws Exception {
        Serialization serialization = SerializationExtension.get(Adapter.toClassic(KIT.system()));
        var replies = KIT.<org.cim2pq.actors.search.SearchActor.Progress>createTestProbe().ref();
        List<Object> messages = List.of(new org.cim2pq.actors.search.SearchActor.GetProgress(replies),
                new org.cim2pq.actors.search.SearchActor.Stop(),
                new org.cim2pq.actors.search.SearchActor.Progress("s", 2, 4, 12, 5, 29, 1, 6, 1.31, false,
                        List.of("g1-4"), null),
                new org.cim2pq.actors.search.SearchActor.DescribeWork(
                        KIT.<org.cim2pq.actors.search.SearchActor.WorkOffer>createTestProbe().ref()),
                new org.cim2pq.actors.cluster.ClusterFront.GetProgress("s", replies),
                new org.cim2pq.actors.cluster.ClusterFront.GetFront("s",
                        KIT.<org.cim2pq.actors.cluster.ClusterFront.Front>createTestProbe().ref()),
                new org.cim2pq.actors.cluster.ClusterFront.Front("s", "strategy_id\n", null),
                new org.cim2pq.actors.cluster.ClusterFront.Front("s", "", "no such search"),
                new org.cim2pq.actors.cluster.ClusterFront.GetStatus(
                        KIT.<org.cim2pq.actors.cluster.ClusterFront.Status>createTestProbe().ref()),
                new org.cim2pq.actors.cluster.ClusterFront.Status(List.of(
                        new org.cim2pq.actors.cluster.ClusterFront.MemberStatus("pekko://cim2pq@127.0.0.1:25520", "Up",
                                List.of("search", "worker"), 2, true)),
                        List.of(new org.cim2pq.actors.cluster.ClusterFront.SearchStatus("pekko://cim2pq@127.0.0.1:25520",
                                new org.cim2pq.actors.search.SearchActor.Progress("s", 1, 4, 8, 3, 9, 0, 2, 0.5, false,
                                        List.of(), null))), "pekko://cim2pq@127.0.0.1:25520"));
        for (Object m : messages) {
            Serializer serializer = serialization.findSerializerFor(m);
            assertInstanceOf(org.cim2pq.actors.wire.WireSerializer.class, serializer, m.getClass().getName());
            Object back = serialization.deserialize(serialization.serialize(m).get(), serializer.identifier(),
                    Serializers.manifestFor(serializer, m)).get();
            assertEquals(m, back);
        }
    }

    /** Records with arrays inside compare by content here. */
    private static void assertSame(Object expected, Object actual) {
        assertEquals(expected.getClass(), actual.getClass());
        if (expected instanceof EvaluationQueue.Completed e && actual instanceof EvaluationQueue.Completed a) {
            assertEquals(e.job(), a.job());
            assertEquals(e.evaluator(), a.evaluator());
            assertEquals(e.nanos(), a.nanos());
            assertOutcome(e.outcome(), a.outcome());
        } else if (expected instanceof EvaluationQueue.Evaluated e && actual instanceof EvaluationQueue.Evaluated a) {
            assertEquals(List.of(e.strategyId(), e.attempt(), e.evaluator(), e.nanos()),
                    List.of(a.strategyId(), a.attempt(), a.evaluator(), a.nanos()));
            assertOutcome(e.outcome(), a.outcome());
        } else {
            assertEquals(expected, actual);
        }
    }

    private static void assertOutcome(EvaluationOutcome e, EvaluationOutcome a) {
        assertArrayEquals(e.objectives(), a.objectives(), 0.0);
        assertEquals(e.metrics(), a.metrics());
    }
}
