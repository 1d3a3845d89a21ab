package org.cim2pq.actors.search;

import com.typesafe.config.Config;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.BackoffSupervisorStrategy;
import org.apache.pekko.actor.typed.SupervisorStrategy;

/** The SearchActor's timings, from {@code cim2pq.search} in reference.conf (overridable like any Pekko setting). */
final class SearchTimings {

    private SearchTimings() {}

    /**
     * How a failed SearchActor restarts: {@code cim2pq.search.restart-backoff}. Its children survive the restart:
     * a sharded search's evaluation queue is its child, and the workers' pipelines pull from that queue (stopping it
     * would leave the recovered search dispatching to a dead queue that no pipeline asks any more).
     */
    static BackoffSupervisorStrategy restartBackoff(ActorSystem<?> system) {
        Config c = system.settings().config().getConfig("cim2pq.search.restart-backoff");
        return SupervisorStrategy.restartWithBackoff(c.getDuration("min"), c.getDuration("max"),
                c.getDouble("random-factor")).withStopChildren(false);
    }
}
