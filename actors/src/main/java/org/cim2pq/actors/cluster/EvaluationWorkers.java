package org.cim2pq.actors.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.cim2pq.actors.evaluation.EvaluationModel;
import org.cim2pq.actors.evaluation.EvaluationPipeline;
import org.cim2pq.actors.search.SearchActor;
import org.cim2pq.persistence.event.SearchEvent;

/**
 * A worker node's share of the cluster's evaluations. It watches the Receptionist for running searches
 * ({@link SearchActor#SERVICE_KEY}); for each it asks what the search evaluates, opens that model (once per
 * platform on this node) and starts its pipelines, each registered under {@link #PIPELINES} and pulling work from
 * the search's own queue. So a node that joins takes load as soon as its pipelines are built, and a search that
 * completes, or whose node dies, takes its pipelines with it; the queue of the search's next incarnation is
 * served by new ones.
 */
public final class EvaluationWorkers extends AbstractBehavior<EvaluationWorkers.Command> {

    /** Pipelines of every worker node (for {@code cluster status}: pipelines per node). */
    public static final ServiceKey<EvaluationPipeline.Command> PIPELINES =
            ServiceKey.create(EvaluationPipeline.Command.class, "cim2pq-pipeline");

    /** Opens the model a search's start describes; may block for a while (loading, calibrating). */
    @FunctionalInterface
    public interface Models {
        EvaluationModel open(SearchEvent.SearchStarted started);
    }

    public sealed interface Command {}

    private record SearchesChanged(Receptionist.Listing listing) implements Command {}

    private record Offered(ActorRef<SearchActor.Command> search, SearchActor.WorkOffer offer, Throwable failure)
            implements Command {}

    private record ModelOpened(ActorRef<SearchActor.Command> search, SearchActor.WorkOffer offer, EvaluationModel model,
                               Throwable failure) implements Command {}

    private record AskAgain() implements Command {}

    /** Worker settings: pipelines per search on this node, and how long a search may take to describe its work. */
    public record Settings(int pipelines, EvaluationPipeline.Settings pipeline, Duration askTimeout) {}

    public static Behavior<Command> create(Models models, Settings settings) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new EvaluationWorkers(ctx, timers, models, settings)));
    }

    private final Models models;
    private final Settings settings;
    private final Executor blocking;
    private final Set<ActorRef<SearchActor.Command>> listed = new HashSet<>();
    private final Set<ActorRef<SearchActor.Command>> asking = new HashSet<>();
    private final Map<ActorRef<SearchActor.Command>, List<ActorRef<EvaluationPipeline.Command>>> working = new HashMap<>();
    private long spawned;

    private EvaluationWorkers(ActorContext<Command> context, TimerScheduler<Command> timers, Models models,
            Settings settings) {
        super(context);
        this.models = models;
        this.settings = settings;
        this.blocking = context.getSystem().dispatchers().lookup(DispatcherSelector.blocking());
        ActorRef<Receptionist.Listing> adapter = context.messageAdapter(Receptionist.Listing.class, SearchesChanged::new);
        context.getSystem().receptionist().tell(Receptionist.subscribe(SearchActor.SERVICE_KEY, adapter));
        // A search that did not answer (busy recovering, or not started yet) is asked again.
        timers.startTimerWithFixedDelay(new AskAgain(), settings.askTimeout());
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(SearchesChanged.class, this::onSearchesChanged)
                .onMessage(Offered.class, this::onOffered)
                .onMessage(ModelOpened.class, this::onModelOpened)
                .onMessage(AskAgain.class, m -> askAll())
                .build();
    }

    private Behavior<Command> onSearchesChanged(SearchesChanged changed) {
        listed.clear();
        listed.addAll(changed.listing().getServiceInstances(SearchActor.SERVICE_KEY));
        for (ActorRef<SearchActor.Command> gone : List.copyOf(working.keySet())) {
            if (!listed.contains(gone)) {
                getContext().getLog().info("search {} is gone from the cluster: stopping its {} pipelines here",
                        gone.path(), working.get(gone).size());
                working.remove(gone).forEach(getContext()::stop);
            }
        }
        return askAll();
    }

    private Behavior<Command> askAll() {
        for (ActorRef<SearchActor.Command> search : listed) {
            if (!working.containsKey(search) && asking.add(search)) {
                getContext().ask(SearchActor.WorkOffer.class, search, settings.askTimeout(), SearchActor.DescribeWork::new,
                        (offer, failure) -> new Offered(search, offer, failure));
            }
        }
        return this;
    }

    private Behavior<Command> onOffered(Offered offered) {
        if (offered.failure() != null || !listed.contains(offered.search())) {
            asking.remove(offered.search());
            return this;
        }
        SearchActor.WorkOffer offer = offered.offer();
        getContext().getLog().info("search {}: opening its model ({})", offer.searchId(),
                offer.started().provenance().getModel());
        getContext().pipeToSelf(CompletableFuture.supplyAsync(() -> models.open(offer.started()), blocking),
                (model, failure) -> new ModelOpened(offered.search(), offer, model, failure));
        return this;
    }

    private Behavior<Command> onModelOpened(ModelOpened opened) {
        asking.remove(opened.search());
        if (opened.failure() != null) {
            getContext().getLog().error("search {}: this node cannot evaluate it: {}", opened.offer().searchId(),
                    opened.failure().getMessage());
            return this; // asked again on the next timer: a worker that cannot open the model holds nothing
        }
        if (!listed.contains(opened.search()) || working.containsKey(opened.search())) {
            return this;
        }
        List<ActorRef<EvaluationPipeline.Command>> pipelines = new ArrayList<>();
        String id = opened.offer().searchId().replaceAll("[^A-Za-z0-9_-]", "_");
        // The evaluator each result records names this node, so the journal says where every evaluation ran.
        org.apache.pekko.actor.Address self = org.apache.pekko.cluster.typed.Cluster.get(getContext().getSystem())
                .selfMember().address();
        String node = self.host().isDefined() ? self.host().get() + ":" + self.port().get() : self.toString();
        for (int i = 0; i < settings.pipelines(); i++) {
            String name = "pipeline-" + id + "-" + (spawned++);
            ActorRef<EvaluationPipeline.Command> pipeline = getContext().spawn(EvaluationPipeline.create(
                    node + "/pipeline-" + i, opened.model(), opened.offer().queue(), settings.pipeline()), name);
            getContext().getSystem().receptionist().tell(Receptionist.register(PIPELINES, pipeline));
            pipelines.add(pipeline);
        }
        working.put(opened.search(), pipelines);
        getContext().getLog().info("search {}: {} pipelines here pull its work", opened.offer().searchId(),
                pipelines.size());
        return this;
    }
}
