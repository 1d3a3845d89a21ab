package org.cim2pq.actors.cluster;

import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.pekko.Done;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.pattern.StatusReply;
import org.cim2pq.actors.search.PrecisionColumn;
import org.cim2pq.actors.search.SearchActor;
import org.cim2pq.actors.wire.WireMessage;
import org.cim2pq.persistence.event.SearchEvent;
import org.cim2pq.persistence.event.SearchEventCodec;
import org.cim2pq.persistence.proto.ClusterMember;
import org.cim2pq.persistence.proto.ClusterSearch;
import org.cim2pq.persistence.proto.ClusterStatus;
import org.cim2pq.persistence.proto.ClusterStatusRequest;
import org.cim2pq.persistence.proto.FrontRequest;
import org.cim2pq.persistence.proto.FrontText;
import org.cim2pq.persistence.proto.SearchQuery;
import org.cim2pq.persistence.proto.StartSearch;
import org.cim2pq.persistence.query.FrontCsv;
import org.cim2pq.persistence.query.SearchJournal;

/**
 * Every node's door for clients that are not members ({@code cim2pq search --cluster}, {@code cim2pq cluster
 * status}): at {@link #PATH}, it submits searches to their sharded entities, relays progress, renders a completed
 * search's {@code front.csv} from the journal, and describes the cluster (members, roles, pipelines per node, running
 * searches with their progress, polled once a second).
 */
public final class ClusterFront extends AbstractBehavior<ClusterFront.Command> {

    /** Where the front lives on every node: {@code pekko://cim2pq@HOST:PORT/user/front}. */
    public static final String NAME = "front";
    public static final String PATH = "/user/" + NAME;

    public sealed interface Command {}

    /** Start (or continue) the search {@code started} describes; the reply says whether it was accepted. */
    public record Submit(SearchEvent.SearchStarted started, ActorRef<StatusReply<Done>> replyTo)
            implements Command, WireMessage {
        public static final String MANIFEST = "ClusterSubmit";

        @Override
        public String manifest() {
            return MANIFEST;
        }

        @Override
        public StartSearch toProto(ActorRefResolver refs) {
            return new SearchActor.Start(started, replyTo).toProto(refs);
        }

        public static Submit parse(byte[] bytes, ActorRefResolver refs) throws InvalidProtocolBufferException {
            SearchActor.Start start = SearchActor.Start.parse(bytes, refs);
            return new Submit(start.started(), start.replyTo());
        }
    }

    public record GetProgress(String searchId, ActorRef<SearchActor.Progress> replyTo) implements Command, WireMessage {
        public static final String MANIFEST = "ClusterGetProgress";

        @Override
        public String manifest() {
            return MANIFEST;
        }

        @Override
        public SearchQuery toProto(ActorRefResolver refs) {
            return SearchQuery.newBuilder().setSearchId(searchId).setReplyTo(refs.toSerializationFormat(replyTo)).build();
        }

        public static GetProgress parse(byte[] bytes, ActorRefResolver refs) throws InvalidProtocolBufferException {
            SearchQuery m = SearchQuery.parseFrom(bytes);
            return new GetProgress(m.getSearchId(), refs.resolveActorRef(m.getReplyTo()));
        }
    }

    public record GetFront(String searchId, ActorRef<Front> replyTo) implements Command, WireMessage {
        public static final String MANIFEST = "ClusterGetFront";

        @Override
        public String manifest() {
            return MANIFEST;
        }

        @Override
        public FrontRequest toProto(ActorRefResolver refs) {
            return FrontRequest.newBuilder().setSearchId(searchId).setReplyTo(refs.toSerializationFormat(replyTo)).build();
        }

        public static GetFront parse(byte[] bytes, ActorRefResolver refs) throws InvalidProtocolBufferException {
            FrontRequest m = FrontRequest.parseFrom(bytes);
            return new GetFront(m.getSearchId(), refs.resolveActorRef(m.getReplyTo()));
        }
    }

    /** A search's front.csv as the journal gives it; {@code error} non-null when it could not be rendered. */
    public record Front(String searchId, String csv, String error) implements WireMessage {
        public static final String MANIFEST = "ClusterFront";

        @Override
        public String manifest() {
            return MANIFEST;
        }

        @Override
        public FrontText toProto(ActorRefResolver refs) {
            return FrontText.newBuilder().setSearchId(searchId).setCsv(csv == null ? "" : csv)
                    .setError(error == null ? "" : error).build();
        }

        public static Front parse(byte[] bytes, ActorRefResolver refs) throws InvalidProtocolBufferException {
            FrontText m = FrontText.parseFrom(bytes);
            return new Front(m.getSearchId(), m.getCsv(), m.getError().isEmpty() ? null : m.getError());
        }
    }

    public record GetStatus(ActorRef<Status> replyTo) implements Command, WireMessage {
        public static final String MANIFEST = "ClusterGetStatus";

        @Override
        public String manifest() {
            return MANIFEST;
        }

        @Override
        public ClusterStatusRequest toProto(ActorRefResolver refs) {
            return ClusterStatusRequest.newBuilder().setReplyTo(refs.toSerializationFormat(replyTo)).build();
        }

        public static GetStatus parse(byte[] bytes, ActorRefResolver refs) throws InvalidProtocolBufferException {
            return new GetStatus(refs.resolveActorRef(ClusterStatusRequest.parseFrom(bytes).getReplyTo()));
        }
    }

    /** One member: its address, status, roles, evaluation pipelines, and whether the others can reach it. */
    public record MemberStatus(String address, String status, List<String> roles, int pipelines, boolean reachable) {}

    /** A running search and the node hosting it. */
    public record SearchStatus(String address, SearchActor.Progress progress) {}

    public record Status(List<MemberStatus> members, List<SearchStatus> searches, String leader) implements WireMessage {
        public static final String MANIFEST = "ClusterStatus";

        @Override
        public String manifest() {
            return MANIFEST;
        }

        @Override
        public ClusterStatus toProto(ActorRefResolver refs) {
            ClusterStatus.Builder b = ClusterStatus.newBuilder().setLeader(leader == null ? "" : leader);
            members.forEach(m -> b.addMembers(ClusterMember.newBuilder().setAddress(m.address()).setStatus(m.status())
                    .addAllRoles(m.roles()).setPipelines(m.pipelines()).setReachable(m.reachable())));
            searches.forEach(s -> b.addSearches(ClusterSearch.newBuilder().setAddress(s.address())
                    .setProgress(s.progress().toProto(refs))));
            return b.build();
        }

        public static Status parse(byte[] bytes, ActorRefResolver refs) throws InvalidProtocolBufferException {
            ClusterStatus m = ClusterStatus.parseFrom(bytes);
            return new Status(m.getMembersList().stream().map(c -> new MemberStatus(c.getAddress(), c.getStatus(),
                    List.copyOf(c.getRolesList()), c.getPipelines(), c.getReachable())).toList(),
                    m.getSearchesList().stream().map(c -> new SearchStatus(c.getAddress(),
                            SearchActor.Progress.of(c.getProgress()))).toList(),
                    m.getLeader().isEmpty() ? null : m.getLeader());
        }
    }

    private record SearchesChanged(Receptionist.Listing listing) implements Command {}

    private record PipelinesChanged(Receptionist.Listing listing) implements Command {}

    private record Poll() implements Command {}

    private record Polled(ActorRef<SearchActor.Command> search, SearchActor.Progress progress) implements Command {}

    private record Rendered(Front front, ActorRef<Front> replyTo) implements Command {}

    public static Behavior<Command> create() {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new ClusterFront(ctx, timers)));
    }

    private final ClusterSharding sharding;
    private final Set<ActorRef<SearchActor.Command>> searches = new HashSet<>();
    private final Map<ActorRef<SearchActor.Command>, SearchActor.Progress> progress = new HashMap<>();
    private final Set<ActorRef<?>> pipelines = new HashSet<>();

    private ClusterFront(ActorContext<Command> context, TimerScheduler<Command> timers) {
        super(context);
        this.sharding = ClusterSharding.get(context.getSystem());
        // One adapter per message class (a second would replace the first): the listing says which key it is for.
        ActorRef<Receptionist.Listing> listings = context.messageAdapter(Receptionist.Listing.class,
                l -> l.isForKey(SearchActor.SERVICE_KEY) ? new SearchesChanged(l) : new PipelinesChanged(l));
        context.getSystem().receptionist().tell(Receptionist.subscribe(SearchActor.SERVICE_KEY, listings));
        context.getSystem().receptionist().tell(Receptionist.subscribe(EvaluationWorkers.PIPELINES, listings));
        timers.startTimerWithFixedDelay(new Poll(), Duration.ofSeconds(1));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Submit.class, this::onSubmit)
                .onMessage(GetProgress.class, this::onGetProgress)
                .onMessage(GetFront.class, this::onGetFront)
                .onMessage(Rendered.class, r -> {
                    r.replyTo().tell(r.front());
                    return this;
                })
                .onMessage(GetStatus.class, this::onGetStatus)
                .onMessage(SearchesChanged.class, this::onSearchesChanged)
                .onMessage(PipelinesChanged.class, m -> {
                    pipelines.clear();
                    pipelines.addAll(m.listing().getServiceInstances(EvaluationWorkers.PIPELINES));
                    return this;
                })
                .onMessage(Poll.class, m -> onPoll())
                .onMessage(Polled.class, m -> {
                    if (searches.contains(m.search()) && m.progress() != null) {
                        progress.put(m.search(), m.progress());
                    }
                    return this;
                })
                .build();
    }

    private Behavior<Command> onSubmit(Submit submit) {
        sharding.entityRefFor(ClusterNode.SEARCHES, submit.started().searchId())
                .tell(new SearchActor.Start(submit.started(), submit.replyTo()));
        return this;
    }

    private Behavior<Command> onGetProgress(GetProgress get) {
        sharding.entityRefFor(ClusterNode.SEARCHES, get.searchId()).tell(new SearchActor.GetProgress(get.replyTo()));
        return this;
    }

    private Behavior<Command> onGetFront(GetFront get) {
        SearchJournal journal = new SearchJournal(getContext().getSystem(), SearchJournal.CASSANDRA);
        getContext().pipeToSelf(journal.eventList(get.searchId()), (events, failure) -> {
            if (failure != null) {
                return new Rendered(new Front(get.searchId(), null, "cannot read the journal: " + failure.getMessage()),
                        get.replyTo());
            }
            try {
                SearchEvent.SearchStarted started = events.isEmpty() ? null
                        : SearchEventCodec.start(events.get(0)).orElse(null);
                if (started == null || !started.describesSpace()) {
                    return new Rendered(new Front(get.searchId(), null, started == null ? "no such search"
                            : "a format 1 journal: read its front on one machine (cim2pq export)"), get.replyTo());
                }
                String csv = FrontCsv.render(events, genome -> PrecisionColumn.render(started.space(), genome));
                return new Rendered(new Front(get.searchId(), csv, null), get.replyTo());
            } catch (RuntimeException e) {
                return new Rendered(new Front(get.searchId(), null, e.getMessage()), get.replyTo());
            }
        });
        return this;
    }

    private Behavior<Command> onSearchesChanged(SearchesChanged changed) {
        searches.clear();
        searches.addAll(changed.listing().getServiceInstances(SearchActor.SERVICE_KEY));
        progress.keySet().retainAll(searches);
        return onPoll();
    }

    private Behavior<Command> onPoll() {
        for (ActorRef<SearchActor.Command> search : searches) {
            getContext().ask(SearchActor.Progress.class, search, Duration.ofSeconds(3), SearchActor.GetProgress::new,
                    (p, failure) -> new Polled(search, p));
        }
        return this;
    }

    private Behavior<Command> onGetStatus(GetStatus get) {
        Cluster cluster = Cluster.get(getContext().getSystem());
        Address self = cluster.selfMember().address();
        Map<String, Integer> pipelinesByNode = new TreeMap<>();
        for (ActorRef<?> p : pipelines) {
            pipelinesByNode.merge(address(p, self), 1, Integer::sum);
        }
        Set<Member> unreachable = cluster.state().getUnreachable();
        List<MemberStatus> members = new ArrayList<>();
        for (Member m : cluster.state().getMembers()) {
            String a = m.address().toString();
            members.add(new MemberStatus(a, m.status().toString(), List.copyOf(new java.util.TreeSet<>(m.getRoles())
                    .stream().filter(r -> !r.startsWith("dc-")).toList()), pipelinesByNode.getOrDefault(a, 0),
                    !unreachable.contains(m)));
        }
        List<SearchStatus> running = new ArrayList<>();
        progress.entrySet().stream().sorted(Map.Entry.comparingByKey((x, y) -> x.path().toString()
                .compareTo(y.path().toString())))
                .forEach(e -> running.add(new SearchStatus(address(e.getKey(), self), e.getValue())));
        Address leader = cluster.state().getLeader();
        get.replyTo().tell(new Status(members, running, leader == null ? null : leader.toString()));
        return this;
    }

    /** The node a ref lives on; local refs carry no host, so they are this node's. */
    private static String address(ActorRef<?> ref, Address self) {
        Address a = ref.path().address();
        return (a.hasLocalScope() ? self : a).toString();
    }
}
