package org.cim2pq.actors.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * The meters of one actor system: every search, queue and pipeline registers its meters here, tagged with its
 * search id, and removes them when it stops. Nothing is recorded anywhere until a registry is added with
 * {@link #publishTo} (a node adds its Prometheus registry), so a single-machine search pays almost nothing.
 */
public final class NodeMetrics implements Extension {

    /**
     * Jobs the pipelines of this node finished since it started, tagged {@code outcome} only: it outlives the
     * searches (whose own series leave with their pipelines), so it says what a node did after the fact.
     */
    public static final String NODE_EVALUATIONS = "cim2pq.node.evaluations";
    /** Jobs a pipeline of this node finished, tagged {@code pipeline}, {@code search}, {@code outcome}. */
    public static final String PIPELINE_EVALUATIONS = "cim2pq.pipeline.evaluations";
    /** Seconds a pipeline held at least one job, tagged {@code pipeline}: its rate is the pipeline's utilisation. */
    public static final String PIPELINE_BUSY = "cim2pq.pipeline.busy";
    /** Jobs a pipeline holds, tagged {@code pipeline}. */
    public static final String PIPELINE_IN_FLIGHT = "cim2pq.pipeline.in.flight";
    /** Jobs a pipeline can hold at once (its slots), tagged {@code pipeline}. */
    public static final String PIPELINE_SLOTS = "cim2pq.pipeline.slots";
    /** Jobs a search's queue waits to hand out (no free pipeline slot yet). */
    public static final String QUEUE_DEPTH = "cim2pq.queue.depth";
    /** Jobs a search's queue has handed out and not had answered. */
    public static final String QUEUE_IN_FLIGHT = "cim2pq.queue.in.flight";
    /** Jobs handed out again (a failed, timed-out or lost attempt), tagged {@code search}. */
    public static final String RETRIES = "cim2pq.evaluation.retries";
    /** Outcomes a search's queue reported to its search, tagged {@code search}, {@code outcome}. */
    public static final String QUEUE_OUTCOMES = "cim2pq.queue.outcomes";
    /** From a search's persist call to the journal's confirmation, tagged {@code search}. */
    public static final String JOURNAL_WRITE = "cim2pq.journal.write";
    /** The generation a search is at, tagged {@code search}. */
    public static final String SEARCH_GENERATION = "cim2pq.search.generation";
    /** Evaluations a search has journaled (results and failures), tagged {@code search}. */
    public static final String SEARCH_EVALUATIONS = "cim2pq.search.evaluations";

    private static final ExtensionId<NodeMetrics> ID = new ExtensionId<>() {
        @Override
        public NodeMetrics createExtension(ActorSystem<?> system) {
            return new NodeMetrics();
        }
    };

    private final CompositeMeterRegistry registry = new CompositeMeterRegistry();

    private NodeMetrics() {}

    public static NodeMetrics get(ActorSystem<?> system) {
        return ID.apply(system);
    }

    /** The node's own count of finished jobs with this outcome ({@link #NODE_EVALUATIONS}). */
    public Counter nodeEvaluations(String outcome) {
        return Counter.builder(NODE_EVALUATIONS).tag("outcome", outcome).register(registry);
    }

    /** Every meter, present and future, is also recorded in {@code target}. */
    public void publishTo(MeterRegistry target) {
        registry.add(target);
    }

    /**
     * Meters tagged with {@code keyValues} (e.g. {@code "search", id}), removed together by {@link MeterScope#close};
     * each actor registers under tags of its own, so no two actors share (or remove) one meter.
     */
    public MeterScope scope(String... keyValues) {
        return new MeterScope(registry, Tags.of(keyValues));
    }
}
