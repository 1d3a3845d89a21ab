package org.cim2pq.actors.evaluation;

import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.cim2pq.engine.genome.IntGenome;
import org.cim2pq.persistence.proto.EvaluationRequest;

/**
 * The simulator of one tile group: owns the group's {@link TileGroupSimulation} (its tiles' calibration, kernel
 * buffers, share of the prefix cache) and runs it for one strategy at a time, in the order the stages arrive. It
 * hands its output straight to the next group's simulator; the last one reports the outcome to the pipeline. A
 * failure is reported at once (so the pipeline need not wait for a timeout) and then rethrown, so the supervisor
 * restarts this actor alone, with backoff, on a freshly built state of this group; stages already in its mailbox
 * wait for the restart.
 */
public final class TileGroupSimulator extends AbstractBehavior<TileGroupSimulator.Command> {

    public sealed interface Command {}

    /** Run this group for one strategy on what the previous group handed on ({@code null} for the first group). */
    public record Stage(EvaluationRequest job, IntGenome genome, Activations upstream) implements Command {}

    /** What the pipeline hears from its simulators: each report knows what the queue is to be told. */
    public sealed interface Report {
        EvaluationRequest job();

        /** The queue's message for this report of {@code job} (the pipeline's own instance of it). */
        EvaluationQueue.Command toQueue(EvaluationRequest job, String pipeline, long nanos);
    }

    /** The last group scored the strategy. */
    public record Scored(EvaluationRequest job, EvaluationOutcome outcome) implements Report {
        @Override
        public EvaluationQueue.Command toQueue(EvaluationRequest job, String pipeline, long nanos) {
            return new EvaluationQueue.Completed(job, outcome, pipeline, nanos);
        }
    }

    /** A group could not run its share of the strategy. */
    public record StageFailed(EvaluationRequest job, String reason) implements Report {
        @Override
        public EvaluationQueue.Command toQueue(EvaluationRequest job, String pipeline, long nanos) {
            return new EvaluationQueue.JobFailed(job, reason);
        }
    }

    /**
     * @param next the next group's simulator, or {@code null} for the last group
     * @param pipeline where outcomes and failures go
     */
    public static Behavior<Command> create(Supplier<TileGroupSimulation> simulation, ActorRef<Command> next,
            ActorRef<Report> pipeline, EvaluationPipeline.Settings settings) {
        return Behaviors.supervise(Behaviors.<Command>setup(
                        ctx -> new TileGroupSimulator(ctx, simulation.get(), next, pipeline)))
                .onFailure(Exception.class, SupervisorStrategy.restartWithBackoff(settings.minBackoff(),
                                settings.maxBackoff(), settings.randomFactor())
                        .withResetBackoffAfter(settings.resetBackoffAfter())
                        .withLogLevel(org.slf4j.event.Level.WARN));
    }

    private final TileGroupSimulation simulation;
    private final ActorRef<Command> next;
    private final ActorRef<Report> pipeline;

    private TileGroupSimulator(ActorContext<Command> context, TileGroupSimulation simulation, ActorRef<Command> next,
            ActorRef<Report> pipeline) {
        super(context);
        this.simulation = simulation;
        this.next = next;
        this.pipeline = pipeline;
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Stage.class, this::onStage)
                .onSignal(PreRestart.class, signal -> release())
                .onSignal(PostStop.class, signal -> release())
                .build();
    }

    private Behavior<Command> onStage(Stage stage) throws Exception {
        StageOutput output;
        try {
            output = simulation.run(stage.genome(), stage.upstream());
        } catch (Exception e) {
            if (stage.upstream() != null) {
                stage.upstream().close();
            }
            pipeline.tell(new StageFailed(stage.job(), simulation.name() + ": " + describe(e)));
            throw e;
        }
        if (next != null && output instanceof Activations activations) {
            next.tell(new Stage(stage.job(), stage.genome(), activations));
        } else if (next == null && output instanceof EvaluationOutcome outcome) {
            pipeline.tell(new Scored(stage.job(), outcome));
        } else {
            if (output instanceof Activations activations) {
                activations.close();
            }
            pipeline.tell(new StageFailed(stage.job(), simulation.name() + " returned "
                    + (output == null ? "nothing" : output.getClass().getSimpleName())
                    + (next == null ? ", not an outcome" : ", not activations for the next group")));
        }
        return this;
    }

    private Behavior<Command> release() {
        simulation.close();
        return this;
    }

    static String describe(Throwable e) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("");
        return e.getClass().getSimpleName() + message;
    }
}
