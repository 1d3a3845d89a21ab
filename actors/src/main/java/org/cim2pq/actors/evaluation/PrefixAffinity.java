package org.cim2pq.actors.evaluation;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Which free pipeline slot a job goes to: the pipeline that recently got the genome sharing the longest gene prefix
 * with it. Genes are in tile order, so a shared prefix is shared first layers, which that pipeline's prefix caches
 * may still hold (a strategy restarts after them); another pipeline would recompute them. Ties (e.g. unrelated
 * genomes) go to the pipeline with the most free slots, then the slot free longest, so load still spreads. Only
 * free slots are chosen from: a free pipeline never waits for a busy one. Remembers the last {@code history}
 * genomes per pipeline.
 */
final class PrefixAffinity {

    private final int history;
    private final Map<ActorRef<?>, Deque<String>> recent = new HashMap<>();

    PrefixAffinity(int history) {
        if (history < 1) {
            throw new IllegalArgumentException("history must be >= 1, got " + history);
        }
        this.history = history;
    }

    /**
     * The slot of {@code idle} (free slots, free longest first; a pipeline once per free slot) for a job of
     * {@code genome}; removes it from {@code idle} and remembers the genome for its pipeline.
     */
    <T> ActorRef<T> take(Deque<ActorRef<T>> idle, String genome) {
        Map<ActorRef<T>, Integer> freeSlots = new HashMap<>();
        for (ActorRef<T> slot : idle) {
            freeSlots.merge(slot, 1, Integer::sum);
        }
        ActorRef<T> best = null;
        int bestShared = -1;
        int bestFree = -1;
        for (ActorRef<T> slot : idle) { // oldest first: on a full tie the slot free longest wins
            int shared = shared(slot, genome);
            int free = freeSlots.get(slot);
            if (shared > bestShared || (shared == bestShared && free > bestFree)) {
                best = slot;
                bestShared = shared;
                bestFree = free;
            }
        }
        idle.removeFirstOccurrence(best);
        Deque<String> genomes = recent.computeIfAbsent(best, k -> new ArrayDeque<>());
        genomes.addFirst(genome);
        if (genomes.size() > history) {
            genomes.removeLast();
        }
        return best;
    }

    /** Forgets a pipeline (stopped). */
    void forget(ActorRef<?> pipeline) {
        recent.remove(pipeline);
    }

    private int shared(ActorRef<?> pipeline, String genome) {
        Deque<String> genomes = recent.get(pipeline);
        if (genomes == null) {
            return 0;
        }
        ToIntFunction<String> prefix = other -> {
            int n = Math.min(other.length(), genome.length());
            int i = 0;
            while (i < n && other.charAt(i) == genome.charAt(i)) {
                i++;
            }
            return i;
        };
        int best = 0;
        for (String g : genomes) {
            best = Math.max(best, prefix.applyAsInt(g));
        }
        return best;
    }
}
