package org.cim2pq.actors.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A job goes to the free pipeline that recently got the genome sharing its longest prefix (whose caches may hold
 * its first layers); unrelated jobs spread over the pipelines by free slots; only free slots are chosen.
 */
class PrefixAffinityTest {

    static final ActorTestKit KIT = ActorTestKit.create();
    static final ActorRef<String> P0 = KIT.<String>createTestProbe().ref();
    static final ActorRef<String> P1 = KIT.<String>createTestProbe().ref();

    @AfterAll
    static void stop() {
        KIT.shutdownTestKit();
    }

    static Deque<ActorRef<String>> slots(List<ActorRef<String>> free) {
        return new ArrayDeque<>(free);
    }

    @Test
    void relatedJobsFollowTheirPrefixUnrelatedOnesSpread() {
        PrefixAffinity affinity = new PrefixAffinity(4);
        Deque<ActorRef<String>> idle = slots(List.of(P0, P0, P0, P1, P1, P1));
        assertEquals(P0, affinity.take(idle, "aaaa0000")); // a tie: the slot free longest
        assertEquals(P1, affinity.take(idle, "bbbb0000")); // unrelated: the pipeline with more free slots
        assertEquals(P1, affinity.take(idle, "bbbb0001")); // shares 7 genes with what P1 got
        assertEquals(P0, affinity.take(idle, "aaab0000")); // shares 3 with P0's, 0 with P1's
        assertEquals(P1, affinity.take(idle, "bbbc0000"));
        assertEquals(List.of(P0), List.copyOf(idle));
        assertEquals(P0, affinity.take(idle, "bbbb0002"), "the related pipeline is busy: a free one takes it");
        assertEquals(0, idle.size());
    }

    @Test
    void aStoppedPipelineIsForgotten() {
        PrefixAffinity affinity = new PrefixAffinity(2);
        affinity.take(slots(List.of(P1)), "cccc");
        affinity.forget(P1);
        Deque<ActorRef<String>> idle = slots(List.of(P0, P0, P1));
        assertEquals(P0, affinity.take(idle, "cccc"), "P1's history is gone: the one with more free slots");
    }
}
