package org.cim2pq.actors.evaluation;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.PostStop;
import io.micrometer.core.instrument.Counter;
import org.cim2pq.actors.metrics.MeterScope;
import org.cim2pq.actors.metrics.NodeMetrics;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.cim2pq.engine.genome.IntGenome;
import org.cim2pq.persistence.proto.EvaluationRequest;

/**
 * One evaluation pipeline: a chain of {@link TileGroupSimulator}s, one per tile group, each owning its group's
 * state. A job enters the first group and passes from group to group on its own; the last group reports the
 * outcome. The pipeline pulls up to {@code strategies-in-flight} jobs from the {@link EvaluationQueue} (default: one
 * per tile group), so group k works on one strategy while group k+1 works on the one before, and reports what
 * happened to each. A job that fails in some group, or does not come out within a stage timeout per tile group,
 * fails (the queue decides whether to retry).
 */
public final class EvaluationPipeline extends AbstractBehavior<EvaluationPipeline.Command> {

    public sealed interface Command {}

    private record WorkArrived(EvaluationQueue.Work work) implements Command {}

    private record Reported(TileGroupSimulator.Report report) implements Command {}

    private record CheckDeadlines() implements Command {}

    /**
     * Pipeline settings (reference.conf {@code cim2pq.evaluation.pipeline}).
     *
     * @param stageTimeout how long one tile group may take for one strategy; a job must come out of the pipeline
     *        within this times the number of groups
     * @param strategiesInFlight jobs the pipeline holds at once; 0 = one per tile group
     */
    public record Settings(Duration stageTimeout, Duration minBackoff, Duration maxBackoff, double randomFactor,
            Duration resetBackoffAfter, int strategiesInFlight) {

        /** The defaults of reference.conf (and of any application.conf or system property overriding them). */
        public static final Settings DEFAULT = fromConfig(ConfigFactory.load());

        public Settings {
            if (strategiesInFlight < 0) {
                throw new IllegalArgumentException("strategies-in-flight must be >= 0, got " + strategiesInFlight);
            }
        }

        /** Stage timeout and restart backoff; the other settings as in reference.conf. */
        public Settings(Duration stageTimeout, Duration minBackoff, Duration maxBackoff) {
            this(stageTimeout, minBackoff, maxBackoff, DEFAULT.randomFactor(), maxBackoff.multipliedBy(4),
                    DEFAULT.strategiesInFlight());
        }

        public static Settings fromConfig(Config root) {
            Config c = root.getConfig("cim2pq.evaluation.pipeline");
            return new Settings(c.getDuration("stage-timeout"), c.getDuration("restart.min-backoff"),
                    c.getDuration("restart.max-backoff"), c.getDouble("restart.random-factor"),
                    c.getDuration("restart.reset-after"), c.getInt("strategies-in-flight"));
        }

        public Settings withStrategiesInFlight(int n) {
            return new Settings(stageTimeout, minBackoff, maxBackoff, randomFactor, resetBackoffAfter, n);
        }
    }

    public static Behavior<Command> create(String name, EvaluationModel model,
            ActorRef<EvaluationQueue.Command> queue, Settings settings) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(
                timers -> new EvaluationPipeline(ctx, timers, name, model, queue, settings)));
    }

    private record InFlight(EvaluationRequest job, long startedNanos, long deadlineNanos) {}

    private final String name;
    private final ActorRef<EvaluationQueue.Command> queue;
    private final Duration jobTimeout;
    private final ActorRef<TileGroupSimulator.Command> first;
    private final ActorRef<EvaluationQueue.Work> workAdapter;
    private final Map<String, InFlight> inFlight = new LinkedHashMap<>();
    private final MeterScope meters;
    private final Counter busySeconds;
    private final Map<String, Counter> finished = new java.util.HashMap<>();
    /** The node's own counts (NodeMetrics.NODE_EVALUATIONS), looked up once rather than per finished job. */
    private final Counter nodeEvaluated;
    private final Counter nodeFailed;
    /** Since when the busy time is counted (only while a job is in flight). */
    private long busyMark;
    /** What the in-flight gauge reads when scraped (on another thread). */
    private volatile int jobs;

    private EvaluationPipeline(ActorContext<Command> context, TimerScheduler<Command> timers, String name,
            EvaluationModel model, ActorRef<EvaluationQueue.Command> queue, Settings settings) {
        super(context);
        this.name = name;
        this.queue = queue;
        int groups = model.tileGroups();
        this.jobTimeout = settings.stageTimeout().multipliedBy(groups);
        ActorRef<TileGroupSimulator.Report> reports =
                context.messageAdapter(TileGroupSimulator.Report.class, Reported::new);
        // Spawned last to first, so each simulator knows the next; each builds (and on restart rebuilds) its own state.
        ActorRef<TileGroupSimulator.Command> next = null;
        for (int i = groups - 1; i >= 0; i--) {
            int index = i;
            next = context.spawn(TileGroupSimulator.create(() -> model.newTileGroup(index), next, reports, settings),
                    "group-" + i, DispatcherSelector.fromConfig("cim2pq.simulator-dispatcher"));
        }
        this.first = next;
        this.workAdapter = context.messageAdapter(EvaluationQueue.Work.class, WorkArrived::new);
        Duration tick = settings.stageTimeout().dividedBy(4).compareTo(Duration.ofSeconds(1)) < 0
                ? Duration.ofMillis(Math.max(50, settings.stageTimeout().toMillis() / 4)) : Duration.ofSeconds(1);
        timers.startTimerWithFixedDelay(new CheckDeadlines(), tick);
        int slots = settings.strategiesInFlight() == 0 ? groups : settings.strategiesInFlight();
        this.meters = NodeMetrics.get(context.getSystem()).scope("pipeline", name);
        this.busySeconds = meters.seconds(NodeMetrics.PIPELINE_BUSY);
        this.nodeEvaluated = NodeMetrics.get(context.getSystem()).nodeEvaluations("evaluated");
        this.nodeFailed = NodeMetrics.get(context.getSystem()).nodeEvaluations("failed");
        meters.gauge(NodeMetrics.PIPELINE_SLOTS, () -> slots);
        meters.gauge(NodeMetrics.PIPELINE_IN_FLIGHT, () -> jobs);
        for (int i = 0; i < slots; i++) {
            queue.tell(new EvaluationQueue.RequestWork(workAdapter));
        }
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(WorkArrived.class, this::onWork)
                .onMessage(Reported.class, this::onReported)
                .onMessage(CheckDeadlines.class, m -> onCheckDeadlines())
                .onSignal(PostStop.class, m -> {
                    meters.close();
                    return this;
                })
                .build();
    }

    /** Adds the time since the last change to the busy seconds if a job was in flight, then counts from now. */
    private void markBusy(long now) {
        if (!inFlight.isEmpty()) {
            busySeconds.increment((now - busyMark) / 1e9);
        }
        busyMark = now;
    }

    private static String key(EvaluationRequest job) {
        return job.getSearchId() + "/" + job.getStrategyId() + "/" + job.getAttempt();
    }

    private Behavior<Command> onWork(WorkArrived arrived) {
        EvaluationRequest job = arrived.work().job();
        IntGenome genome;
        try {
            genome = IntGenome.decode(job.getGenome());
        } catch (RuntimeException e) {
            queue.tell(new EvaluationQueue.JobFailed(job, "undecodable genome: " + e.getMessage()));
            queue.tell(new EvaluationQueue.RequestWork(workAdapter));
            return this;
        }
        long now = System.nanoTime();
        markBusy(now);
        inFlight.put(key(job), new InFlight(job, now, now + jobTimeout.toNanos()));
        jobs = inFlight.size();
        first.tell(new TileGroupSimulator.Stage(job, genome, null));
        return this;
    }

    private Behavior<Command> onReported(Reported reported) {
        TileGroupSimulator.Report report = reported.report();
        InFlight flight = inFlight.get(key(report.job()));
        if (flight == null || flight.job() != report.job()) {
            return this; // a job this pipeline already gave up on
        }
        finish(flight, report.toQueue(flight.job(), name, System.nanoTime() - flight.startedNanos()));
        return this;
    }

    private Behavior<Command> onCheckDeadlines() {
        long now = System.nanoTime();
        for (InFlight flight : List.copyOf(inFlight.values())) {
            if (now - flight.deadlineNanos() > 0) {
                finish(flight, new EvaluationQueue.JobFailed(flight.job(), "not evaluated within "
                        + jobTimeout.toSeconds() + " s (stage timeout x tile groups)"));
            }
        }
        return this;
    }

    private void finish(InFlight flight, EvaluationQueue.Command report) {
        markBusy(System.nanoTime());
        inFlight.remove(key(flight.job()));
        jobs = inFlight.size();
        boolean evaluated = report instanceof EvaluationQueue.Completed;
        String outcome = evaluated ? "evaluated" : "failed";
        finished.computeIfAbsent(flight.job().getSearchId() + "/" + outcome, k -> meters.counter(
                NodeMetrics.PIPELINE_EVALUATIONS, "search", flight.job().getSearchId(), "outcome", outcome)).increment();
        (evaluated ? nodeEvaluated : nodeFailed).increment();
        queue.tell(report);
        queue.tell(new EvaluationQueue.RequestWork(workAdapter));
    }
}
