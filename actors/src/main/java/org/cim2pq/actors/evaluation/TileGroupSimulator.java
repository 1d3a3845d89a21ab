package org.cim2pq.actors.evaluation;

import java.time.Duration;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.cim2pq.engine.genome.IntGenome;

/**
 * The simulator of one tile group: holds the group's {@link TileGroupSimulation} (weights, calibration caches)
 * and runs it for one strategy at a time. A failure is answered at once (so the pipeline need not wait for a
 * timeout) and then rethrown, so the supervisor restarts the actor with backoff and a fresh simulation.
 */
public final class TileGroupSimulator extends AbstractBehavior<TileGroupSimulator.Command> {

    public sealed interface Command {}

    /** Run this group for one strategy on the previous group's output. */
    public record Run(String strategyId, int attempt, IntGenome genome, Object upstream, ActorRef<Reply> replyTo)
            implements Command {}

    public sealed interface Reply {}

    public record Ran(String strategyId, int attempt, Object output) implements Reply {}

    public record RunFailed(String strategyId, int attempt, String reason) implements Reply {}

    /** Supervision: restart with exponential backoff, so a crashing simulator does not spin. */
    public static Behavior<Command> create(Supplier<TileGroupSimulation> simulation, Duration minBackoff,
            Duration maxBackoff) {
        return Behaviors.supervise(Behaviors.<Command>setup(ctx -> new TileGroupSimulator(ctx, simulation.get())))
                .onFailure(Exception.class, SupervisorStrategy.restartWithBackoff(minBackoff, maxBackoff, 0.2)
                        .withResetBackoffAfter(maxBackoff.multipliedBy(4))
                        .withLogLevel(org.slf4j.event.Level.WARN));
    }

    private final TileGroupSimulation simulation;

    private TileGroupSimulator(ActorContext<Command> context, TileGroupSimulation simulation) {
        super(context);
        this.simulation = simulation;
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder().onMessage(Run.class, this::onRun).build();
    }

    private Behavior<Command> onRun(Run run) throws Exception {
        Object output;
        try {
            output = simulation.run(run.genome(), run.upstream());
        } catch (Exception e) {
            run.replyTo().tell(new RunFailed(run.strategyId(), run.attempt(),
                    simulation.name() + ": " + describe(e)));
            throw e;
        }
        run.replyTo().tell(new Ran(run.strategyId(), run.attempt(), output));
        return this;
    }

    static String describe(Throwable e) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("");
        return e.getClass().getSimpleName() + message;
    }
}
