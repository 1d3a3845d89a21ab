package org.cim2pq.persistence.journal;

import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.cim2pq.persistence.proto.Provenance;

/**
 * A minimal event-sourced behavior for journal tests: its events are protobuf messages, so persisting and
 * recovering them exercises the journal plugin and the protobuf serializer binding together.
 */
final class ProvenanceLedger
        extends EventSourcedBehavior<ProvenanceLedger.Command, Provenance, ProvenanceLedger.State> {

    sealed interface Command {}

    record Record(Provenance provenance, ActorRef<Integer> replyTo) implements Command {}

    record GetAll(ActorRef<List<Provenance>> replyTo) implements Command {}

    record State(List<Provenance> recorded) {
        State add(Provenance p) {
            List<Provenance> next = new ArrayList<>(recorded);
            next.add(p);
            return new State(List.copyOf(next));
        }
    }

    static Behavior<Command> create(String id) {
        return new ProvenanceLedger(PersistenceId.ofUniqueId("ledger|" + id));
    }

    private ProvenanceLedger(PersistenceId id) {
        super(id);
    }

    @Override
    public State emptyState() {
        return new State(List.of());
    }

    @Override
    public CommandHandler<Command, Provenance, State> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
                .onCommand(Record.class, (state, cmd) -> Effect().persist(cmd.provenance())
                        .thenReply(cmd.replyTo(), s -> s.recorded().size()))
                .onCommand(GetAll.class, (state, cmd) -> Effect().reply(cmd.replyTo(), state.recorded()))
                .build();
    }

    @Override
    public EventHandler<State, Provenance> eventHandler() {
        return newEventHandlerBuilder().forAnyState().onAnyEvent(State::add);
    }
}
