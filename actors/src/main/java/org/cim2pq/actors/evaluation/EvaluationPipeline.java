package org.cim2pq.actors.evaluation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.cim2pq.engine.genome.IntGenome;
import org.cim2pq.persistence.proto.EvaluationRequest;

/**
 * One evaluation pipeline: a chain of {@link TileGroupSimulator}s, one per tile group, that a job passes through
 * in order; the last group's output is the outcome. The pipeline pulls one job at a time from the
 * {@link EvaluationQueue} and reports what happened to it; a stage that fails or does not answer within the
 * stage timeout fails the job (the queue decides whether to retry).
 */
public final class EvaluationPipeline extends AbstractBehavior<EvaluationPipeline.Command> {

    public sealed interface Command {}

    private record WorkArrived(EvaluationQueue.Work work) implements Command {}

    private record StageAnswered(int stage, EvaluationRequest job, TileGroupSimulator.Reply reply) implements Command {}

    private record StageTimedOut(int stage, EvaluationRequest job, String reason) implements Command {}

    /** Pipeline settings: stage timeout and the simulators' restart backoff. */
    public record Settings(Duration stageTimeout, Duration minBackoff, Duration maxBackoff) {
        public static final Settings DEFAULT =
                new Settings(Duration.ofMinutes(5), Duration.ofMillis(200), Duration.ofSeconds(10));
    }

    public static Behavior<Command> create(String name, EvaluationModel model,
            ActorRef<EvaluationQueue.Command> queue, Settings settings) {
        return Behaviors.setup(ctx -> new EvaluationPipeline(ctx, name, model, queue, settings));
    }

    private final String name;
    private final ActorRef<EvaluationQueue.Command> queue;
    private final Settings settings;
    private final List<ActorRef<TileGroupSimulator.Command>> stages = new ArrayList<>();
    private final ActorRef<EvaluationQueue.Work> workAdapter;
    private EvaluationRequest current;
    private IntGenome genome;
    private long startedNanos;

    private EvaluationPipeline(ActorContext<Command> context, String name, EvaluationModel model,
            ActorRef<EvaluationQueue.Command> queue, Settings settings) {
        super(context);
        this.name = name;
        this.queue = queue;
        this.settings = settings;
        List<TileGroupSimulation> groups = model.newTileGroups();
        for (int i = 0; i < groups.size(); i++) {
            TileGroupSimulation first = groups.get(i);
            boolean[] used = {false};
            // The first incarnation gets the prepared simulation; a restart builds a fresh one of the same group.
            int index = i;
            stages.add(context.spawn(TileGroupSimulator.create(() -> {
                if (!used[0]) {
                    used[0] = true;
                    return first;
                }
                return model.newTileGroups().get(index);
            }, settings.minBackoff(), settings.maxBackoff()), "group-" + i + "-" + safe(first.name()),
                    DispatcherSelector.fromConfig("cim2pq.simulator-dispatcher")));
        }
        this.workAdapter = context.messageAdapter(EvaluationQueue.Work.class, WorkArrived::new);
        queue.tell(new EvaluationQueue.RequestWork(workAdapter));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(WorkArrived.class, this::onWork)
                .onMessage(StageAnswered.class, this::onStageAnswered)
                .onMessage(StageTimedOut.class, this::onStageTimedOut)
                .build();
    }

    private Behavior<Command> onWork(WorkArrived arrived) {
        current = arrived.work().job();
        genome = IntGenome.decode(current.getGenome());
        startedNanos = System.nanoTime();
        runStage(0, null);
        return this;
    }

    private void runStage(int stage, Object upstream) {
        EvaluationRequest job = current;
        getContext().ask(TileGroupSimulator.Reply.class, stages.get(stage), settings.stageTimeout(),
                replyTo -> new TileGroupSimulator.Run(job.getStrategyId(), job.getAttempt(), genome, upstream, replyTo),
                (reply, failure) -> reply != null ? new StageAnswered(stage, job, reply)
                        : new StageTimedOut(stage, job, "tile group " + stage + " did not answer within "
                                + settings.stageTimeout().toSeconds() + " s"));
    }

    private Behavior<Command> onStageAnswered(StageAnswered answer) {
        if (answer.job() != current) {
            return this; // an answer for a job this pipeline already gave up on
        }
        if (answer.reply() instanceof TileGroupSimulator.RunFailed failed) {
            finish(new EvaluationQueue.JobFailed(current, failed.reason()));
        } else if (answer.reply() instanceof TileGroupSimulator.Ran ran) {
            int next = answer.stage() + 1;
            if (next < stages.size()) {
                runStage(next, ran.output());
            } else if (ran.output() instanceof EvaluationOutcome outcome) {
                finish(new EvaluationQueue.Completed(current, outcome, name, System.nanoTime() - startedNanos));
            } else {
                finish(new EvaluationQueue.JobFailed(current, "the last tile group returned "
                        + (ran.output() == null ? "nothing" : ran.output().getClass().getSimpleName())
                        + ", not an outcome"));
            }
        }
        return this;
    }

    private Behavior<Command> onStageTimedOut(StageTimedOut timeout) {
        if (timeout.job() == current) {
            finish(new EvaluationQueue.JobFailed(current, timeout.reason()));
        }
        return this;
    }

    private void finish(EvaluationQueue.Command report) {
        queue.tell(report);
        current = null;
        genome = null;
        queue.tell(new EvaluationQueue.RequestWork(workAdapter));
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9_.-]", "_");
    }
}
