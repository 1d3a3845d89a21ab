package org.cim2pq.actors.search;

import com.google.protobuf.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.SnapshotAdapter;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;
import org.cim2pq.actors.evaluation.EvaluationQueue;
import org.cim2pq.engine.genome.StrategyId;
import org.cim2pq.engine.selection.NondominatedSorting;
import org.cim2pq.persistence.proto.EvaluationFailed;
import org.cim2pq.persistence.proto.EvaluationRequest;
import org.cim2pq.persistence.proto.PopulationInitialized;
import org.cim2pq.persistence.proto.SearchSnapshot;
import org.cim2pq.persistence.proto.SearchStarted;
import org.cim2pq.persistence.proto.StrategyEvaluated;

/**
 * The event-sourced population of one search (persistence id {@code search|<id>}). Every decision is persisted
 * before it takes effect: the initial population, each generation's crossovers and mutations before their
 * children are evaluated, each evaluation result as it arrives (in any order), each qNSGA-III selection. The
 * decisions themselves come from {@link SearchPlanner}, a pure function of the state, so recovery (from a
 * snapshot every K events plus the events after it) continues exactly where the journal ends: what was bred but
 * not evaluated is dispatched again, and the search ends with the front an uninterrupted run would have found.
 */
public final class SearchActor extends EventSourcedBehavior<SearchActor.Command, Message, SearchState> {

    public sealed interface Command {}

    /** The public commands and replies, which may cross nodes: protobuf via {@link SearchProtocolSerializer}. */
    public interface Wire {}

    /** Progress for the command line and the read side. */
    public record GetProgress(ActorRef<Progress> replyTo) implements Command, Wire {}

    /** Stop after the current persist (the journal has everything; {@code resume} continues). */
    public record Stop() implements Command, Wire {}

    private record Continue() implements Command {}

    private record RecordOutcome(EvaluationQueue.Outcome outcome) implements Command {}

    public record Progress(String searchId, int generation, int generations, int births, int resolvedBirths,
                           long evaluations, int failed, int frontSize, double hypervolume, boolean completed,
                           List<String> front, String refused) implements Wire {}

    public static Behavior<Command> create(SearchDefinition definition, ActorRef<EvaluationQueue.Command> queue) {
        return Behaviors.setup(ctx -> new SearchActor(ctx, definition, queue));
    }

    private final ActorContext<Command> context;
    private final SearchDefinition definition;
    private final SearchPlanner planner;
    private final ActorRef<EvaluationQueue.Command> queue;
    private final ActorRef<EvaluationQueue.Outcome> outcomes;
    /** Evaluations handed out by this incarnation (the queue ignores duplicates anyway). */
    private final Set<StrategyId> submitted = new HashSet<>();
    private String refused;

    private SearchActor(ActorContext<Command> context, SearchDefinition definition,
            ActorRef<EvaluationQueue.Command> queue) {
        super(PersistenceId.ofUniqueId(definition.persistenceId()),
                SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(10), 0.2));
        this.context = context;
        context.setLoggerName(SearchActor.class);
        this.definition = definition;
        this.planner = new SearchPlanner(definition.model().space(), definition.settings(),
                definition.model().objectives().size());
        this.queue = queue;
        this.outcomes = context.messageAdapter(EvaluationQueue.Outcome.class, RecordOutcome::new);
    }

    @Override
    public SearchState emptyState() {
        return new SearchState();
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        return RetentionCriteria.snapshotEvery(definition.settings().snapshotEvery(), 2);
    }

    @Override
    public SnapshotAdapter<SearchState> snapshotAdapter() {
        return new SnapshotAdapter<>() {
            @Override
            public Object toJournal(SearchState state) {
                context.getLog().debug("snapshot of generation {} ({} evaluations)", state.generation(),
                        state.evaluations());
                return state.toSnapshot();
            }

            @Override
            public SearchState fromJournal(Object from) {
                return SearchState.fromSnapshot((SearchSnapshot) from);
            }
        };
    }

    @Override
    public SignalHandler<SearchState> signalHandler() {
        return newSignalHandlerBuilder()
                .onSignal(RecoveryCompleted.instance(), state -> context.getSelf().tell(new Continue()))
                .build();
    }

    @Override
    public CommandHandler<Command, Message, SearchState> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
                .onCommand(Continue.class, this::onContinue)
                .onCommand(RecordOutcome.class, this::onOutcome)
                .onCommand(GetProgress.class, (state, cmd) -> Effect().reply(cmd.replyTo(), progress(state)))
                .onCommand(Stop.class, (state, cmd) -> Effect().stop())
                .build();
    }

    @Override
    public EventHandler<SearchState, Message> eventHandler() {
        return newEventHandlerBuilder().forAnyState().onAnyEvent(SearchState::apply);
    }

    private Effect<Message, SearchState> onContinue(SearchState state, Continue cmd) {
        if (refused != null) {
            return Effect().none();
        }
        if (!state.isStarted()) {
            SearchStarted started = definition.started(System.currentTimeMillis());
            PopulationInitialized initial = planner.initialPopulation();
            return persist(List.of(started, initial));
        }
        String mismatch = definition.mismatch(state.started());
        if (mismatch != null) {
            refused = "search " + definition.searchId() + " exists with a different configuration: " + mismatch;
            context.getLog().error(refused);
            return Effect().none();
        }
        List<Message> next = planner.next(state);
        if (!next.isEmpty()) {
            return persist(next);
        }
        dispatch(state);
        return Effect().none();
    }

    private Effect<Message, SearchState> onOutcome(SearchState state, RecordOutcome cmd) {
        StrategyId id = StrategyId.parse(cmd.outcome().strategyId());
        if (refused != null || state.isResolved(id) || !state.births().contains(id)) {
            return Effect().none(); // late or repeated answer: recorded once only
        }
        Message event;
        if (cmd.outcome() instanceof EvaluationQueue.Evaluated e) {
            StrategyEvaluated.Builder b = StrategyEvaluated.newBuilder().setStrategyId(id.toString())
                    .setAttempt(e.attempt()).setEvaluator(e.evaluator()).setEvaluationNanos(e.nanos())
                    .putAllMetrics(e.outcome().metrics());
            for (double v : e.outcome().objectives()) {
                b.addObjectives(v);
            }
            event = b.build();
        } else {
            EvaluationQueue.Failed f = (EvaluationQueue.Failed) cmd.outcome();
            event = EvaluationFailed.newBuilder().setStrategyId(id.toString()).setReason(f.reason())
                    .setAttempts(f.attempts()).build();
        }
        return persist(List.of(event));
    }

    /** Persists, then takes the next step; the log lines name each step (and mark kill points for crash tests). */
    private Effect<Message, SearchState> persist(List<Message> events) {
        String what = describe(events);
        context.getLog().debug("persisting {}", what);
        return Effect().persist(events).thenRun(s -> {
            context.getLog().debug("persisted {}", what);
            context.getSelf().tell(new Continue());
        });
    }

    private static String describe(List<Message> events) {
        Message first = events.get(0);
        String detail = first instanceof StrategyEvaluated e ? " " + e.getStrategyId()
                : first instanceof EvaluationFailed e ? " " + e.getStrategyId()
                : first instanceof org.cim2pq.persistence.proto.GenerationStarted e ? " g=" + e.getGeneration()
                : first instanceof org.cim2pq.persistence.proto.SelectionApplied e ? " g=" + e.getGeneration() : "";
        return first.getDescriptorForType().getName() + detail + (events.size() > 1 ? " +" + (events.size() - 1) : "");
    }

    private void dispatch(SearchState state) {
        for (StrategyId id : planner.toEvaluate(state)) {
            if (submitted.add(id)) {
                EvaluationRequest job = EvaluationRequest.newBuilder().setSearchId(definition.searchId())
                        .setStrategyId(id.toString()).setGenome(state.genome(id).encode()).setAttempt(1).build();
                queue.tell(new EvaluationQueue.Submit(job, outcomes));
            }
        }
    }

    private Progress progress(SearchState state) {
        List<StrategyId> births = state.births();
        int resolved = (int) births.stream().filter(state::isResolved).count();
        List<String> front = new ArrayList<>();
        state.front().forEach(id -> front.add(id.toString()));
        int frontSize = front.size();
        if (!state.isCompleted()) {
            double[][] f = state.evaluatedPopulation().stream().map(m -> state.objectives(m.id()).values())
                    .toArray(double[][]::new);
            frontSize = f.length == 0 ? 0 : NondominatedSorting.sort(f).front(0).length;
        }
        return new Progress(definition.searchId(), state.generation(), definition.settings().generations(),
                births.size(), resolved, state.evaluations(), state.failedCount(), frontSize,
                state.hypervolume(), state.isCompleted(), front, refused);
    }
}
