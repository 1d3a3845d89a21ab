package org.cim2pq.actors.cluster;

import java.util.Set;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.cim2pq.actors.evaluation.EvaluationQueue;
import org.cim2pq.actors.search.SearchActor;
import org.cim2pq.actors.search.SearchPlatforms;

/**
 * The guardian of a cluster node. Every node starts Cluster Sharding for searches (hosting them with the role
 * {@code search}, else as a proxy) and the {@link ClusterFront}; a node with the role {@code worker} also runs
 * {@link EvaluationWorkers}.
 */
public final class ClusterNode {

    public static final String SEARCH_ROLE = "search";
    public static final String WORKER_ROLE = "worker";
    public static final Set<String> ROLES = Set.of(SEARCH_ROLE, WORKER_ROLE);

    /** Searches are entities of this type, their entity id the search id. */
    public static final EntityTypeKey<SearchActor.Command> SEARCHES =
            EntityTypeKey.create(SearchActor.Command.class, "search");

    /** What a node needs: its roles, the workers' models and settings, the searches' queue and snapshot settings. */
    public record Settings(Set<String> roles, EvaluationWorkers.Models models, EvaluationWorkers.Settings workers,
                           EvaluationQueue.Settings queue, int snapshotEvery) {}

    private ClusterNode() {}

    /**
     * A format 1 journal does not describe its space: such searches are continued on one machine only. The model
     * that re-evaluates a completed front is the node's own (opened once per platform by its workers' models).
     */
    private static SearchPlatforms platforms(EvaluationWorkers.Models models) {
        return new SearchPlatforms() {
            @Override
            public org.cim2pq.engine.space.CimSearchSpace spaceOf(org.cim2pq.persistence.event.SearchEvent.SearchStarted started) {
                throw new IllegalStateException("search " + started.searchId() + " has a format 1 journal, which does"
                        + " not describe its search space: continue it on one machine (cim2pq resume)");
            }

            @Override
            public org.cim2pq.actors.evaluation.EvaluationModel modelOf(
                    org.cim2pq.persistence.event.SearchEvent.SearchStarted started) {
                try {
                    return models.open(started);
                } catch (RuntimeException e) {
                    return null; // the re-evaluations wait (logged by the search)
                }
            }
        };
    }

    public static Behavior<Void> create(Settings settings) {
        return Behaviors.setup(ctx -> {
            ClusterSharding.get(ctx.getSystem()).init(Entity.of(SEARCHES,
                    entity -> SearchActor.sharded(entity, platforms(settings.models()), settings.queue(), settings.snapshotEvery()))
                    .withRole(SEARCH_ROLE)
                    .withStopMessage(new SearchActor.Stop()));
            if (settings.roles().contains(WORKER_ROLE)) {
                ctx.spawn(EvaluationWorkers.create(settings.models(), settings.workers()), "workers");
            }
            ctx.spawn(ClusterFront.create(), ClusterFront.NAME);
            return Behaviors.empty();
        });
    }
}
