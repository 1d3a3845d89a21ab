package org.cim2pq.actors.search;

import com.typesafe.config.Config;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.BackoffSupervisorStrategy;
import org.apache.pekko.actor.typed.SupervisorStrategy;

/** The SearchActor's timings, from {@code cim2pq.search} in reference.conf (overridable like any Pekko setting). */
final class SearchTimings {

    private SearchTimings() {}

    /** How a failed SearchActor restarts: {@code cim2pq.search.restart-backoff}. */
    static BackoffSupervisorStrategy restartBackoff(ActorSystem<?> system) {
        Config c = system.settings().config().getConfig("cim2pq.search.restart-backoff");
        return SupervisorStrategy.restartWithBackoff(c.getDuration("min"), c.getDuration("max"),
                c.getDouble("random-factor"));
    }
}
