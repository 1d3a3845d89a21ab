package org.cim2pq.actors.search;

import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.EventAdapter;
import org.apache.pekko.persistence.typed.EventSeq;
import org.apache.pekko.persistence.typed.PersistenceId;
import io.micrometer.core.instrument.Timer;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.cim2pq.actors.metrics.MeterScope;
import org.cim2pq.actors.metrics.NodeMetrics;
import org.apache.pekko.persistence.typed.SnapshotAdapter;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;
import org.cim2pq.actors.evaluation.EvaluationModel;
import org.cim2pq.actors.evaluation.EvaluationOutcome;
import org.cim2pq.actors.evaluation.EvaluationQueue;
import org.cim2pq.engine.genome.StrategyId;
import org.cim2pq.engine.search.GenerationalStep;
import org.cim2pq.engine.search.StepDecision;
import org.cim2pq.engine.selection.NondominatedSorting;
import org.cim2pq.persistence.event.DecisionEvents;
import org.cim2pq.persistence.event.SearchEvent;
import org.cim2pq.persistence.event.SearchEventCodec;
import org.cim2pq.persistence.event.SearchReadModel;
import org.cim2pq.persistence.proto.EvaluationRequest;
import org.cim2pq.persistence.proto.SearchProgress;
import org.cim2pq.persistence.proto.SearchProgressRequest;
import org.cim2pq.persistence.proto.SearchStopRequest;
import org.cim2pq.persistence.proto.StartSearch;
import org.cim2pq.persistence.proto.WorkOfferRequest;
import org.cim2pq.actors.wire.WireMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityContext;
import org.cim2pq.persistence.proto.SearchSnapshot;

/**
 * The event-sourced population of one search (persistence id {@code search|<id>}), typed on {@link SearchEvent}
 * and stored as protobuf through {@link SearchEventCodec} (the event and snapshot adapters). Its state is the
 * search's {@link SearchReadModel} (bounded). It asks the engine's {@link GenerationalStep} for the next decision,
 * turns it into events ({@link DecisionEvents}), persists them before anything takes effect, and dispatches what
 * the step says to evaluate; each outcome is persisted as it arrives (in any order, once). Recovery (a snapshot
 * every K events plus the events after it) continues exactly where the journal ends: what was bred but not
 * evaluated is dispatched again, and the search ends with the front an uninterrupted run would have found. A
 * completed search whose start asks for re-evaluations of its front (a psum search re-scored on bitserial) then
 * evaluates each front strategy under each protocol, one at a time, and journals each as a StrategyReevaluated; it
 * reports itself completed once all are journaled.
 */
public final class SearchActor extends EventSourcedBehavior<SearchActor.Command, SearchEvent, SearchReadModel> {

    public sealed interface Command {}

    /** The public commands and replies, which may cross nodes: protobuf through the one wire codec. */
    public interface Wire extends WireMessage {}

    /** Receptionist key of running searches in a cluster: workers pull their work, {@code cluster status} lists them. */
    public static final ServiceKey<Command> SERVICE_KEY = ServiceKey.create(Command.class, "cim2pq-search");

    /**
     * Start this search as {@code started} describes it, or continue it if its journal holds the same start; a
     * different start is refused (StatusReply error, and {@link Progress#refused}).
     */
    public record Start(SearchEvent.SearchStarted started, ActorRef<StatusReply<Done>> replyTo) implements Command, Wire {
        public static final String MANIFEST = "Start";

        @Override
        public String manifest() {
            return MANIFEST;
        }

        @Override
        public StartSearch toProto(ActorRefResolver refs) {
            return StartSearch.newBuilder().setStarted((org.cim2pq.persistence.proto.SearchStarted)
                    SearchEventCodec.encode(started)).setReplyTo(refs.toSerializationFormat(replyTo)).build();
        }

        public static Start parse(byte[] bytes, ActorRefResolver refs) throws InvalidProtocolBufferException {
            StartSearch m = StartSearch.parseFrom(bytes);
            return new Start((SearchEvent.SearchStarted) SearchEventCodec.decode(m.getStarted()),
                    refs.resolveActorRef(m.getReplyTo()));
        }
    }

    /** Progress for the command line and the read side. */
    public record GetProgress(ActorRef<Progress> replyTo) implements Command, Wire {
        public static final String MANIFEST = "GetProgress";

        @Override
        public String manifest() {
            return MANIFEST;
        }

        @Override
        public SearchProgressRequest toProto(ActorRefResolver refs) {
            return SearchProgressRequest.newBuilder().setReplyTo(refs.toSerializationFormat(replyTo)).build();
        }

        public static GetProgress parse(byte[] bytes, ActorRefResolver refs) throws InvalidProtocolBufferException {
            return new GetProgress(refs.resolveActorRef(SearchProgressRequest.parseFrom(bytes).getReplyTo()));
        }
    }

    /** Stop after the current persist (the journal has everything; {@code resume} continues). */
    public record Stop() implements Command, Wire {
        public static final String MANIFEST = "Stop";

        @Override
        public String manifest() {
            return MANIFEST;
        }

        @Override
        public SearchStopRequest toProto(ActorRefResolver refs) {
            return SearchStopRequest.getDefaultInstance();
        }

        public static Stop parse(byte[] bytes, ActorRefResolver refs) throws InvalidProtocolBufferException {
            SearchStopRequest.parseFrom(bytes);
            return new Stop();
        }
    }

    /** A worker asks what this search evaluates and which queue to pull its work from (cluster only). */
    public record DescribeWork(ActorRef<WorkOffer> replyTo) implements Command, Wire {
        public static final String MANIFEST = "DescribeWork";

        @Override
        public String manifest() {
            return MANIFEST;
        }

        @Override
        public WorkOfferRequest toProto(ActorRefResolver refs) {
            return WorkOfferRequest.newBuilder().setReplyTo(refs.toSerializationFormat(replyTo)).build();
        }

        public static DescribeWork parse(byte[] bytes, ActorRefResolver refs) throws InvalidProtocolBufferException {
            return new DescribeWork(refs.resolveActorRef(WorkOfferRequest.parseFrom(bytes).getReplyTo()));
        }
    }

    /** What a running search evaluates (its start) and the queue of its work. */
    public record WorkOffer(String searchId, SearchEvent.SearchStarted started, ActorRef<EvaluationQueue.Command> queue)
            implements Wire {
        public static final String MANIFEST = "WorkOffer";

        @Override
        public String manifest() {
            return MANIFEST;
        }

        @Override
        public org.cim2pq.persistence.proto.WorkOffer toProto(ActorRefResolver refs) {
            return org.cim2pq.persistence.proto.WorkOffer.newBuilder().setSearchId(searchId)
                    .setStarted((org.cim2pq.persistence.proto.SearchStarted) SearchEventCodec.encode(started))
                    .setQueue(refs.toSerializationFormat(queue)).build();
        }

        public static WorkOffer parse(byte[] bytes, ActorRefResolver refs) throws InvalidProtocolBufferException {
            org.cim2pq.persistence.proto.WorkOffer m = org.cim2pq.persistence.proto.WorkOffer.parseFrom(bytes);
            return new WorkOffer(m.getSearchId(), (SearchEvent.SearchStarted) SearchEventCodec.decode(m.getStarted()),
                    refs.resolveActorRef(m.getQueue()));
        }
    }

    private record Continue() implements Command {}

    private record RecordOutcome(EvaluationQueue.Outcome outcome) implements Command {}

    private record Reevaluated(SearchReadModel.PendingReevaluation of, SearchEvent.StrategyReevaluated event)
            implements Command {}

    private record ReevaluationFailed(SearchReadModel.PendingReevaluation of, Throwable cause) implements Command {}

    public record Progress(String searchId, int generation, int generations, int births, int resolvedBirths,
                           long evaluations, int failed, int frontSize, double hypervolume, boolean completed,
                           List<String> front, String refused) implements Wire {
        public static final String MANIFEST = "Progress";

        @Override
        public String manifest() {
            return MANIFEST;
        }

        @Override
        public SearchProgress toProto(ActorRefResolver refs) {
            return SearchProgress.newBuilder().setSearchId(searchId).setGeneration(generation)
                    .setGenerations(generations).setBirths(births).setResolvedBirths(resolvedBirths)
                    .setEvaluations(evaluations).setFailed(failed).setFrontSize(frontSize)
                    .setHypervolume(hypervolume).setCompleted(completed).addAllFront(front)
                    .setRefused(refused == null ? "" : refused).build();
        }

        public static Progress of(SearchProgress p) {
            return new Progress(p.getSearchId(), p.getGeneration(), p.getGenerations(), p.getBirths(),
                    p.getResolvedBirths(), p.getEvaluations(), p.getFailed(), p.getFrontSize(), p.getHypervolume(),
                    p.getCompleted(), p.getFrontList(), p.getRefused().isEmpty() ? null : p.getRefused());
        }

        public static Progress parse(byte[] bytes, ActorRefResolver refs) throws InvalidProtocolBufferException {
            return of(SearchProgress.parseFrom(bytes));
        }
    }

    /**
     * The search of this id, as a sharded entity is created: it recovers its journal and, if it has started,
     * continues by itself (the space from the journal, or from {@code platforms} for a format 1 journal); a new
     * search waits for {@link Start}.
     */
    public static Behavior<Command> create(String searchId, ActorRef<EvaluationQueue.Command> queue,
            SearchPlatforms platforms, int snapshotEvery) {
        return Behaviors.setup(ctx -> new SearchActor(ctx, searchId, queue, platforms, snapshotEvery, false, null));
    }

    /**
     * The search of a Cluster Sharding entity: created from its id alone, with its own evaluation queue (a child,
     * so its work goes and comes back with it). While it runs it is registered with the Receptionist under
     * {@link #SERVICE_KEY}, where workers find it; once completed it deregisters and asks its shard to passivate it.
     */
    public static Behavior<Command> sharded(EntityContext<Command> entity, SearchPlatforms platforms,
            EvaluationQueue.Settings queueSettings, int snapshotEvery) {
        return Behaviors.setup(ctx -> {
            ActorRef<EvaluationQueue.Command> queue = ctx.spawn(EvaluationQueue.create(queueSettings), "evaluation-queue");
            return new SearchActor(ctx, entity.getEntityId(), queue, platforms, snapshotEvery, false, entity.getShard());
        });
    }

    /** The search of {@code definition}: created from its id, then told to start (or continue) as defined. */
    public static Behavior<Command> create(SearchDefinition definition, ActorRef<EvaluationQueue.Command> queue) {
        return Behaviors.setup(ctx -> {
            ctx.getSelf().tell(new Start(definition.started(System.currentTimeMillis()), ctx.getSystem().ignoreRef()));
            return new SearchActor(ctx, definition.searchId(), queue, definition.platforms(),
                    definition.settings().snapshotEvery(), true, null);
        });
    }

    private final ActorContext<Command> context;
    private final String searchId;
    private final SearchPlatforms platforms;
    private final int snapshotEvery;
    private GenerationalStep step;
    private final ActorRef<EvaluationQueue.Command> queue;
    private final ActorRef<EvaluationQueue.Outcome> outcomes;
    /** Evaluations handed out by this incarnation (the queue ignores duplicates anyway). */
    private final Set<StrategyId> submitted = new HashSet<>();
    private String refused;
    /** Told to start as defined: nothing is journaled until that start is checked against the journal. */
    private boolean startPending;
    /** The front re-evaluation under way (one at a time), or null. */
    private SearchReadModel.PendingReevaluation reevaluating;
    /** Re-evaluations that failed in this incarnation: not retried until the search is resumed. */
    private final Set<SearchReadModel.PendingReevaluation> reevaluationFailures = new HashSet<>();
    /** The shard hosting this search (cluster), else null. */
    private final ActorRef<ClusterSharding.ShardCommand> shard;
    private boolean registered;
    private boolean passivating;
    private final MeterScope meters;
    private final Timer journalWrites;
    /** What the gauges read when scraped (on another thread). */
    private volatile int generation;
    private volatile long evaluations;
    /** The state before the first event: never folded into (see {@link #eventHandler}). */
    private final SearchReadModel empty = SearchReadModel.bounded();

    private SearchActor(ActorContext<Command> context, String searchId, ActorRef<EvaluationQueue.Command> queue,
            SearchPlatforms platforms, int snapshotEvery, boolean startPending,
            ActorRef<ClusterSharding.ShardCommand> shard) {
        super(PersistenceId.ofUniqueId("search|" + searchId), SearchTimings.restartBackoff(context.getSystem()));
        this.context = context;
        context.setLoggerName(SearchActor.class);
        this.searchId = searchId;
        this.platforms = platforms;
        this.snapshotEvery = snapshotEvery;
        this.startPending = startPending;
        this.shard = shard;
        this.queue = queue;
        this.outcomes = context.messageAdapter(EvaluationQueue.Outcome.class, RecordOutcome::new);
        this.meters = NodeMetrics.get(context.getSystem()).scope("search", searchId);
        this.journalWrites = meters.timer(NodeMetrics.JOURNAL_WRITE);
        meters.gauge(NodeMetrics.SEARCH_GENERATION, () -> generation);
        meters.gauge(NodeMetrics.SEARCH_EVALUATIONS, () -> evaluations);
    }

    @Override
    public SearchReadModel emptyState() {
        return empty;
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        return RetentionCriteria.snapshotEvery(snapshotEvery, 2);
    }

    @Override
    public EventAdapter<SearchEvent, Message> eventAdapter() {
        return new EventAdapter<>() {
            @Override
            public Message toJournal(SearchEvent event) {
                return SearchEventCodec.encode(event);
            }

            @Override
            public String manifest(SearchEvent event) {
                return "";
            }

            @Override
            public EventSeq<SearchEvent> fromJournal(Message stored, String manifest) {
                return EventSeq.single(SearchEventCodec.decode(stored));
            }
        };
    }

    @Override
    public SnapshotAdapter<SearchReadModel> snapshotAdapter() {
        return new SnapshotAdapter<>() {
            @Override
            public Object toJournal(SearchReadModel state) {
                context.getLog().debug("snapshot of generation {} ({} evaluations)", state.progress().generation(),
                        state.progress().evaluations());
                return SearchEventCodec.snapshot(state);
            }

            @Override
            public SearchReadModel fromJournal(Object from) {
                return SearchEventCodec.restore((SearchSnapshot) from);
            }
        };
    }

    @Override
    public SignalHandler<SearchReadModel> signalHandler() {
        return newSignalHandlerBuilder()
                .onSignal(RecoveryCompleted.instance(), state -> {
                    // A new incarnation (after a failed write too) hands out again whatever its journal has not
                    // resolved: the queue ignores jobs it still holds, and a result whose write failed is redone.
                    submitted.clear();
                    observe(state);
                    announce(state);
                    context.getSelf().tell(new Continue());
                })
                .onSignal(PostStop.instance(), state -> meters.close())
                .build();
    }

    @Override
    public CommandHandler<Command, SearchEvent, SearchReadModel> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
                .onCommand(Start.class, this::onStart)
                .onCommand(Continue.class, this::onContinue)
                .onCommand(RecordOutcome.class, this::onOutcome)
                .onCommand(Reevaluated.class, this::onReevaluated)
                .onCommand(ReevaluationFailed.class, this::onReevaluationFailed)
                .onCommand(GetProgress.class, (state, cmd) -> Effect().reply(cmd.replyTo(), progress(state)))
                .onCommand(DescribeWork.class, this::onDescribeWork)
                .onCommand(Stop.class, (state, cmd) -> Effect().stop())
                .build();
    }

    @Override
    public EventHandler<SearchReadModel, SearchEvent> eventHandler() {
        // The read model is mutable and Pekko applies an event before its write has succeeded, then restarts from the
        // one object emptyState() gave it: each incarnation folds into a model of its own, so a write that failed
        // leaves nothing behind in the state it recovers.
        return newEventHandlerBuilder().forAnyState().onAnyEvent((state, event) ->
                (state == empty ? SearchReadModel.bounded() : state).apply(event));
    }

    private Effect<SearchEvent, SearchReadModel> onStart(SearchReadModel state, Start cmd) {
        startPending = false;
        if (!state.isStarted()) {
            List<SearchEvent> events = new ArrayList<>();
            events.add(cmd.started());
            events.addAll(DecisionEvents.of(step(cmd.started()).next(new org.cim2pq.engine.search.SearchProgress()), state));
            return persist(events).thenReply(cmd.replyTo(), s -> StatusReply.ack());
        }
        String mismatch = SearchDefinition.mismatch(cmd.started(), state.started());
        if (mismatch != null) {
            refused = "search " + searchId + " exists with a different configuration: " + mismatch;
            context.getLog().error(refused);
            return Effect().reply(cmd.replyTo(), StatusReply.error(refused));
        }
        context.getSelf().tell(new Continue());
        return Effect().reply(cmd.replyTo(), StatusReply.ack());
    }

    private Effect<SearchEvent, SearchReadModel> onContinue(SearchReadModel state, Continue cmd) {
        if (refused != null || startPending || !state.isStarted()) {
            return Effect().none(); // a new search waits for Start
        }
        StepDecision decision = step(state.started()).next(state.progress());
        if (decision instanceof StepDecision.Evaluate evaluate) {
            dispatch(state, evaluate.pending());
            return Effect().none();
        }
        List<SearchEvent> events = DecisionEvents.of(decision, state);
        if (events.isEmpty()) {
            reevaluateFront(state);
            return Effect().none();
        }
        return persist(events);
    }

    /**
     * Once the search has completed, evaluates its front under each protocol its start asks for (one strategy at a
     * time, off the actor's thread) and journals each result; a recovered search continues with what is missing.
     */
    private void reevaluateFront(SearchReadModel state) {
        if (reevaluating != null) {
            return;
        }
        SearchReadModel.PendingReevaluation next = state.pendingReevaluations().stream()
                .filter(p -> !reevaluationFailures.contains(p)).findFirst().orElse(null);
        if (next == null) {
            return;
        }
        EvaluationModel model = platforms.modelOf(state.started());
        if (model == null) {
            context.getLog().warn("search {}: no model on this node re-evaluates its front; {} re-evaluations wait",
                    searchId, state.pendingReevaluations().size());
            return;
        }
        reevaluating = next;
        org.cim2pq.engine.genome.IntGenome genome = state.progress().genome(next.id());
        java.util.concurrent.Executor blocking = context.getSystem().dispatchers()
                .lookup(org.apache.pekko.actor.typed.DispatcherSelector.blocking());
        context.pipeToSelf(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            long start = System.nanoTime();
            org.cim2pq.actors.evaluation.Reevaluation outcome = model.reevaluate(next.protocol(), genome);
            return new SearchEvent.StrategyReevaluated(next.id(), next.protocol(),
                    org.cim2pq.engine.problem.Objectives.of(outcome.objectives()), outcome.metrics(),
                    "reevaluation on " + next.protocol().machine()
                            + (next.protocol().isHeldOut() ? ", held-out images" : ""), System.nanoTime() - start,
                    outcome.top1Correct(), outcome.top1Classified());
        }, blocking), (event, failure) -> failure == null ? new Reevaluated(next, event)
                : new ReevaluationFailed(next, failure));
    }

    private Effect<SearchEvent, SearchReadModel> onReevaluated(SearchReadModel state, Reevaluated cmd) {
        reevaluating = null;
        if (refused != null || state.reevaluation(cmd.of().protocol(), cmd.of().id()) != null) {
            return Effect().none();
        }
        return persist(List.of(cmd.event()));
    }

    private Effect<SearchEvent, SearchReadModel> onReevaluationFailed(SearchReadModel state, ReevaluationFailed cmd) {
        reevaluating = null;
        reevaluationFailures.add(cmd.of());
        context.getLog().error("search {}: re-evaluating {} on {} failed (resume retries it): {}", searchId,
                cmd.of().id(), cmd.of().protocol().machine(), String.valueOf(cmd.cause()));
        context.getSelf().tell(new Continue());
        return Effect().none();
    }

    /** The generational step of this search, built from its start once. */
    private GenerationalStep step(SearchEvent.SearchStarted started) {
        if (step == null) {
            step = SearchDefinition.step(platforms.space(started), SearchSettings.of(started),
                    started.objectives().size());
        }
        return step;
    }

    private Effect<SearchEvent, SearchReadModel> onOutcome(SearchReadModel state, RecordOutcome cmd) {
        StrategyId id = StrategyId.parse(cmd.outcome().strategyId());
        org.cim2pq.engine.search.SearchProgress progress = state.progress();
        if (refused != null || progress.isResolved(id) || !progress.births().contains(id)) {
            return Effect().none(); // late or repeated answer: recorded once only
        }
        return persist(List.of(cmd.outcome().event()));
    }

    /** Persists, then takes the next step; the log lines name each step (and mark kill points for crash tests). */
    private org.apache.pekko.persistence.typed.javadsl.EffectBuilder<SearchEvent, SearchReadModel> persist(
            List<SearchEvent> events) {
        String what = events.get(0).label() + (events.size() > 1 ? " +" + (events.size() - 1) : "");
        context.getLog().debug("persisting {}", what);
        long persisting = System.nanoTime();
        return Effect().persist(events).thenRun(s -> {
            journalWrites.record(System.nanoTime() - persisting, java.util.concurrent.TimeUnit.NANOSECONDS);
            context.getLog().debug("persisted {}", what);
            observe(s);
            announce(s);
            context.getSelf().tell(new Continue());
        });
    }

    private Effect<SearchEvent, SearchReadModel> onDescribeWork(SearchReadModel state, DescribeWork cmd) {
        if (!state.isStarted() || refused != null) {
            return Effect().none(); // nothing to evaluate (yet): the worker asks again when the search registers
        }
        return Effect().reply(cmd.replyTo(), new WorkOffer(searchId, state.started(), queue));
    }

    /**
     * In a cluster: a running search is registered where workers look for work; a completed one deregisters and
     * passivates itself (remembered entities never passivate on their own, and its entry must leave the remembered
     * set, or every restart of the cluster would start it again).
     */
    private void announce(SearchReadModel state) {
        if (shard == null) {
            return;
        }
        // A completed search with re-evaluations of its front still to journal is still at work.
        boolean running = state.isStarted() && refused == null
                && (!state.progress().isCompleted() || !state.pendingReevaluations().isEmpty());
        if (running && !registered) {
            registered = true;
            context.getSystem().receptionist().tell(Receptionist.register(SERVICE_KEY, context.getSelf()));
        } else if (!running && state.isStarted() && !passivating) {
            if (registered) {
                registered = false;
                context.getSystem().receptionist().tell(Receptionist.deregister(SERVICE_KEY, context.getSelf()));
            }
            if (state.progress().isCompleted()) {
                passivating = true;
                context.getLog().info("search {} completed: passivating", searchId);
                shard.tell(new ClusterSharding.Passivate<>(context.getSelf()));
            }
        }
    }

    private void observe(SearchReadModel state) {
        generation = state.progress().generation();
        evaluations = state.progress().evaluations();
    }

    private void dispatch(SearchReadModel state, List<StrategyId> pending) {
        for (StrategyId id : pending) {
            if (submitted.add(id)) {
                EvaluationRequest job = EvaluationRequest.newBuilder().setSearchId(searchId)
                        .setStrategyId(id.toString()).setGenome(state.progress().genome(id).encode()).setAttempt(1)
                        .build();
                queue.tell(new EvaluationQueue.Submit(job, outcomes));
            }
        }
    }

    private Progress progress(SearchReadModel state) {
        org.cim2pq.engine.search.SearchProgress p = state.progress();
        List<StrategyId> births = p.births();
        int resolved = (int) births.stream().filter(p::isResolved).count();
        List<String> front = new ArrayList<>();
        p.front().forEach(id -> front.add(id.toString()));
        int frontSize = front.size();
        if (!p.isCompleted()) {
            double[][] f = p.evaluatedPopulation().stream().map(m -> p.objectives(m.id()).values())
                    .toArray(double[][]::new);
            frontSize = f.length == 0 ? 0 : NondominatedSorting.sort(f).front(0).length;
        }
        // completed = what the search reports is final: the front and its re-evaluations all journaled
        return new Progress(searchId, p.generation(), state.isStarted() ? state.started().generations() : 0,
                births.size(), resolved, p.evaluations(), p.failedCount(), frontSize, p.hypervolume(),
                state.isFinished(), front, refused);
    }
}
