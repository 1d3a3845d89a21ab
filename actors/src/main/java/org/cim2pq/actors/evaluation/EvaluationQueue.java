package org.cim2pq.actors.evaluation;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.cim2pq.engine.genome.StrategyId;
import org.cim2pq.engine.problem.Objectives;
import org.cim2pq.persistence.event.SearchEvent;
import org.apache.pekko.actor.typed.Behavior;
import io.micrometer.core.instrument.Counter;
import org.apache.pekko.actor.typed.PostStop;
import org.cim2pq.actors.metrics.MeterScope;
import org.cim2pq.actors.metrics.NodeMetrics;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.cim2pq.persistence.proto.EvaluationRequest;
import org.cim2pq.persistence.proto.SubmitEvaluation;
import org.cim2pq.persistence.proto.WorkAssigned;
import org.cim2pq.persistence.proto.WorkCompleted;
import org.cim2pq.persistence.proto.WorkFailed;
import org.cim2pq.persistence.proto.WorkRequest;
import org.cim2pq.persistence.event.SearchEventCodec;
import org.cim2pq.actors.wire.WireMessage;
import org.cim2pq.actors.wire.WireSerializer;
import com.google.protobuf.InvalidProtocolBufferException;
import org.apache.pekko.actor.typed.ActorRefResolver;

/**
 * Work pulling between searches and evaluation pipelines. Searches submit jobs; pipelines ask for work when
 * they have a free slot (once per job they can take), so a free pipeline never waits behind a busy one and a pipeline that joins takes load at once.
 * A job whose pipeline fails, dies or overruns its timeout is handed out again, up to {@code maxAttempts}
 * attempts; then the search is told it failed. A job already queued or in flight is not queued twice, so a
 * search may safely re-submit everything it is still waiting for (as it does after recovery).
 */
public final class EvaluationQueue extends AbstractBehavior<EvaluationQueue.Command> {

    public sealed interface Command {}

    /**
     * Messages of the evaluation protocol that may cross nodes (a pipeline on another node pulls work): each is its
     * protobuf message of {@code search_events.proto} through the one wire codec ({@link WireSerializer}).
     */
    public interface Wire extends WireMessage {}

    /** A search asks for a strategy's evaluation; the outcome goes to {@code replyTo}. */
    public record Submit(EvaluationRequest job, ActorRef<Outcome> replyTo) implements Command, Wire {
        public static final String MANIFEST = "Submit";

        @Override
        public String manifest() {
            return MANIFEST;
        }

        @Override
        public SubmitEvaluation toProto(ActorRefResolver refs) {
            return SubmitEvaluation.newBuilder().setJob(job).setReplyTo(refs.toSerializationFormat(replyTo)).build();
        }

        public static Submit parse(byte[] bytes, ActorRefResolver refs) throws InvalidProtocolBufferException {
            SubmitEvaluation m = SubmitEvaluation.parseFrom(bytes);
            return new Submit(m.getJob(), refs.resolveActorRef(m.getReplyTo()));
        }
    }

    /** A free pipeline asks for its next job. */
    public record RequestWork(ActorRef<Work> pipeline) implements Command, Wire {
        public static final String MANIFEST = "RequestWork";

        @Override
        public String manifest() {
            return MANIFEST;
        }

        @Override
        public WorkRequest toProto(ActorRefResolver refs) {
            return WorkRequest.newBuilder().setPipeline(refs.toSerializationFormat(pipeline)).build();
        }

        public static RequestWork parse(byte[] bytes, ActorRefResolver refs) throws InvalidProtocolBufferException {
            return new RequestWork(refs.resolveActorRef(WorkRequest.parseFrom(bytes).getPipeline()));
        }
    }

    /** A pipeline finished a job. */
    public record Completed(EvaluationRequest job, EvaluationOutcome outcome, String evaluator, long nanos)
            implements Command, Wire {
        public static final String MANIFEST = "Completed";

        @Override
        public String manifest() {
            return MANIFEST;
        }

        @Override
        public WorkCompleted toProto(ActorRefResolver refs) {
            return WorkCompleted.newBuilder().setJob(job).setResult(new Evaluated(job.getStrategyId(), outcome,
                    job.getAttempt(), evaluator, nanos).toProto(refs)).build();
        }

        public static Completed parse(byte[] bytes, ActorRefResolver refs) throws InvalidProtocolBufferException {
            WorkCompleted m = WorkCompleted.parseFrom(bytes);
            return new Completed(m.getJob(), EvaluationOutcome.of(m.getResult()), m.getResult().getEvaluator(),
                    m.getResult().getEvaluationNanos());
        }
    }

    /** A pipeline could not finish a job. */
    public record JobFailed(EvaluationRequest job, String reason) implements Command, Wire {
        public static final String MANIFEST = "JobFailed";

        @Override
        public String manifest() {
            return MANIFEST;
        }

        @Override
        public WorkFailed toProto(ActorRefResolver refs) {
            return WorkFailed.newBuilder().setJob(job).setReason(reason).build();
        }

        public static JobFailed parse(byte[] bytes, ActorRefResolver refs) throws InvalidProtocolBufferException {
            WorkFailed m = WorkFailed.parseFrom(bytes);
            return new JobFailed(m.getJob(), m.getReason());
        }
    }

    private record CheckDeadlines() implements Command {}

    private record PipelineStopped(ActorRef<Work> pipeline) implements Command {}

    /** What a pipeline gets to do. */
    public record Work(EvaluationRequest job) implements Wire {
        public static final String MANIFEST = "Work";

        @Override
        public String manifest() {
            return MANIFEST;
        }

        @Override
        public WorkAssigned toProto(ActorRefResolver refs) {
            return WorkAssigned.newBuilder().setJob(job).build();
        }

        public static Work parse(byte[] bytes, ActorRefResolver refs) throws InvalidProtocolBufferException {
            return new Work(WorkAssigned.parseFrom(bytes).getJob());
        }
    }

    /** What a search gets back. */
    public sealed interface Outcome {
        String strategyId();

        /** The journal event that records this outcome. */
        SearchEvent event();
    }

    /** A result; on the wire it is the journal's StrategyEvaluated, built by the one codec. */
    public record Evaluated(String strategyId, EvaluationOutcome outcome, int attempt, String evaluator, long nanos)
            implements Outcome, Wire {
        public static final String MANIFEST = "Evaluated";

        @Override
        public SearchEvent.StrategyEvaluated event() {
            return new SearchEvent.StrategyEvaluated(StrategyId.parse(strategyId), Objectives.of(outcome.objectives()),
                    outcome.metrics(), attempt, evaluator, nanos, null);
        }

        @Override
        public String manifest() {
            return MANIFEST;
        }

        @Override
        public org.cim2pq.persistence.proto.StrategyEvaluated toProto(ActorRefResolver refs) {
            return SearchEventCodec.encodeResult(event());
        }

        public static Evaluated parse(byte[] bytes, ActorRefResolver refs) throws InvalidProtocolBufferException {
            org.cim2pq.persistence.proto.StrategyEvaluated m = org.cim2pq.persistence.proto.StrategyEvaluated.parseFrom(bytes);
            return new Evaluated(m.getStrategyId(), EvaluationOutcome.of(m), m.getAttempt(), m.getEvaluator(),
                    m.getEvaluationNanos());
        }
    }

    public record Failed(String strategyId, String reason, int attempts) implements Outcome, Wire {
        public static final String MANIFEST = "Failed";

        @Override
        public SearchEvent.EvaluationFailed event() {
            return new SearchEvent.EvaluationFailed(StrategyId.parse(strategyId), reason, attempts, null);
        }

        @Override
        public String manifest() {
            return MANIFEST;
        }

        @Override
        public org.cim2pq.persistence.proto.EvaluationFailed toProto(ActorRefResolver refs) {
            return org.cim2pq.persistence.proto.EvaluationFailed.newBuilder().setStrategyId(strategyId).setReason(reason)
                    .setAttempts(attempts).build();
        }

        public static Failed parse(byte[] bytes, ActorRefResolver refs) throws InvalidProtocolBufferException {
            org.cim2pq.persistence.proto.EvaluationFailed m = org.cim2pq.persistence.proto.EvaluationFailed.parseFrom(bytes);
            return new Failed(m.getStrategyId(), m.getReason(), m.getAttempts());
        }
    }

    /**
     * Queue settings (reference.conf {@code cim2pq.evaluation.queue}): attempts per job, time per attempt, genomes
     * remembered per pipeline to send a job where its first layers may be cached ({@link PrefixAffinity}).
     */
    public record Settings(int maxAttempts, Duration jobTimeout, int affinityHistory) {
        /** The defaults of reference.conf (and of any application.conf or system property overriding them). */
        public static final Settings DEFAULT = fromConfig(com.typesafe.config.ConfigFactory.load());

        /** Attempts and time per attempt; the affinity history as in reference.conf. */
        public Settings(int maxAttempts, Duration jobTimeout) {
            this(maxAttempts, jobTimeout, DEFAULT.affinityHistory());
        }

        public static Settings fromConfig(com.typesafe.config.Config root) {
            com.typesafe.config.Config c = root.getConfig("cim2pq.evaluation.queue");
            return new Settings(c.getInt("max-attempts"), c.getDuration("job-timeout"), c.getInt("affinity-history"));
        }
    }

    public static Behavior<Command> create(Settings settings) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new EvaluationQueue(ctx, timers, settings)));
    }

    private record Job(EvaluationRequest request, ActorRef<Outcome> replyTo) {
        String key() {
            return request.getSearchId() + "/" + request.getStrategyId();
        }
    }

    private record InFlight(Job job, ActorRef<Work> pipeline, long deadlineNanos) {}

    private final Settings settings;
    private final Deque<Job> queued = new ArrayDeque<>();
    private final Map<String, Job> queuedByKey = new HashMap<>();
    private final Map<String, InFlight> inFlight = new LinkedHashMap<>();
    /** Free pipeline slots, oldest first; a pipeline appears once per job it can take. */
    private final Deque<ActorRef<Work>> idle = new ArrayDeque<>();
    private final java.util.Set<ActorRef<Work>> watched = new java.util.HashSet<>();
    private final PrefixAffinity affinity;
    private final Map<String, SearchMeters> meters = new HashMap<>();

    /**
     * The meters of one search's jobs in this queue (a single machine's queue serves every search started there).
     * The gauges read counts the queue publishes after each message.
     */
    private static final class SearchMeters {
        final MeterScope scope;
        final Counter retries;
        final Counter evaluated;
        final Counter failed;
        volatile int depth;
        volatile int inFlight;

        SearchMeters(MeterScope scope) {
            this.scope = scope;
            this.retries = scope.counter(NodeMetrics.RETRIES);
            this.evaluated = scope.counter(NodeMetrics.QUEUE_OUTCOMES, "outcome", "evaluated");
            this.failed = scope.counter(NodeMetrics.QUEUE_OUTCOMES, "outcome", "failed");
            scope.gauge(NodeMetrics.QUEUE_DEPTH, () -> depth);
            scope.gauge(NodeMetrics.QUEUE_IN_FLIGHT, () -> inFlight);
        }
    }

    private EvaluationQueue(ActorContext<Command> context, TimerScheduler<Command> timers, Settings settings) {
        super(context);
        this.settings = settings;
        this.affinity = new PrefixAffinity(settings.affinityHistory());
        Duration tick = settings.jobTimeout().dividedBy(4).compareTo(Duration.ofSeconds(1)) < 0
                ? Duration.ofMillis(Math.max(50, settings.jobTimeout().toMillis() / 4)) : Duration.ofSeconds(1);
        timers.startTimerWithFixedDelay(new CheckDeadlines(), tick);
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Submit.class, this::onSubmit)
                .onMessage(RequestWork.class, this::onRequestWork)
                .onMessage(Completed.class, this::onCompleted)
                .onMessage(JobFailed.class, m -> retryOrFail(m.job(), m.reason()))
                .onMessage(CheckDeadlines.class, m -> onCheckDeadlines())
                .onMessage(PipelineStopped.class, this::onPipelineStopped)
                .onSignal(PostStop.class, m -> {
                    meters.values().forEach(x -> x.scope.close());
                    return this;
                })
                .build();
    }

    private SearchMeters meters(EvaluationRequest job) {
        return meters.computeIfAbsent(job.getSearchId(),
                id -> new SearchMeters(NodeMetrics.get(getContext().getSystem()).scope("search", id)));
    }

    /** Publishes the queued and in-flight counts per search for the gauges. */
    private void publishCounts() {
        Map<String, int[]> counts = new HashMap<>();
        meters.keySet().forEach(id -> counts.put(id, new int[2]));
        queued.forEach(j -> counts.computeIfAbsent(j.request().getSearchId(), k -> new int[2])[0]++);
        inFlight.values().forEach(f -> counts.computeIfAbsent(f.job().request().getSearchId(), k -> new int[2])[1]++);
        counts.forEach((id, c) -> {
            SearchMeters m = meters.get(id);
            if (m != null) {
                m.depth = c[0];
                m.inFlight = c[1];
            }
        });
    }

    private Behavior<Command> onSubmit(Submit submit) {
        Job job = new Job(submit.job(), submit.replyTo());
        meters(submit.job());
        if (!queuedByKey.containsKey(job.key()) && !inFlight.containsKey(job.key())) {
            enqueue(job, false);
        }
        publishCounts();
        return this;
    }

    private Behavior<Command> onRequestWork(RequestWork request) {
        if (watched.add(request.pipeline())) {
            getContext().watchWith(request.pipeline(), new PipelineStopped(request.pipeline()));
        }
        idle.addLast(request.pipeline()); // one free slot: a pipeline holding several jobs asks once per slot
        dispatch();
        publishCounts();
        return this;
    }

    private Behavior<Command> onCompleted(Completed done) {
        String key = done.job().getSearchId() + "/" + done.job().getStrategyId();
        InFlight flight = inFlight.remove(key);
        Job queuedAgain = queuedByKey.remove(key);
        if (queuedAgain != null) {
            queued.remove(queuedAgain); // a late answer from a pipeline we had given up on: still valid
        }
        Job job = flight != null ? flight.job() : queuedAgain;
        if (job != null) {
            meters(done.job()).evaluated.increment();
            job.replyTo().tell(new Evaluated(done.job().getStrategyId(), done.outcome(), done.job().getAttempt(),
                    done.evaluator(), done.nanos()));
        }
        publishCounts();
        return this;
    }

    private Behavior<Command> retryOrFail(EvaluationRequest request, String reason) {
        String key = request.getSearchId() + "/" + request.getStrategyId();
        InFlight flight = inFlight.get(key);
        if (flight == null || flight.job().request().getAttempt() != request.getAttempt()) {
            return this; // already retried (e.g. after a timeout) or answered
        }
        inFlight.remove(key);
        int attempts = request.getAttempt();
        if (attempts >= settings.maxAttempts()) {
            meters(request).failed.increment();
            flight.job().replyTo().tell(new Failed(request.getStrategyId(), reason, attempts));
        } else {
            getContext().getLog().info("evaluation of {} failed (attempt {}): {}; retrying",
                    request.getStrategyId(), attempts, reason);
            meters(request).retries.increment();
            enqueue(new Job(request.toBuilder().setAttempt(attempts + 1).build(), flight.job().replyTo()), true);
        }
        publishCounts();
        return this;
    }

    private Behavior<Command> onCheckDeadlines() {
        long now = System.nanoTime();
        for (InFlight flight : inFlight.values().toArray(InFlight[]::new)) {
            if (now - flight.deadlineNanos() > 0) {
                retryOrFail(flight.job().request(), "timed out after " + settings.jobTimeout().toSeconds() + " s");
            }
        }
        return this;
    }

    private Behavior<Command> onPipelineStopped(PipelineStopped stopped) {
        idle.removeIf(stopped.pipeline()::equals);
        watched.remove(stopped.pipeline());
        affinity.forget(stopped.pipeline());
        for (InFlight flight : inFlight.values().toArray(InFlight[]::new)) {
            if (flight.pipeline().equals(stopped.pipeline())) {
                retryOrFail(flight.job().request(), "pipeline " + stopped.pipeline().path().name() + " stopped");
            }
        }
        return this;
    }

    private void enqueue(Job job, boolean front) {
        queuedByKey.put(job.key(), job);
        if (front) {
            queued.addFirst(job);
        } else {
            queued.addLast(job);
        }
        dispatch();
    }

    private void dispatch() {
        while (!idle.isEmpty() && !queued.isEmpty()) {
            Job job = queued.pollFirst();
            queuedByKey.remove(job.key());
            ActorRef<Work> pipeline = affinity.take(idle, job.request().getGenome());
            inFlight.put(job.key(), new InFlight(job, pipeline, System.nanoTime() + settings.jobTimeout().toNanos()));
            pipeline.tell(new Work(job.request()));
        }
    }
}
