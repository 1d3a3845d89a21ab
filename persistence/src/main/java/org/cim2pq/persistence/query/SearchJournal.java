package org.cim2pq.persistence.query;

import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.javadsl.CurrentEventsByPersistenceIdQuery;
import org.apache.pekko.persistence.query.javadsl.CurrentPersistenceIdsQuery;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The read side's access to searches' journals, through Pekko Persistence Query on whichever journal is
 * configured (embedded JDBC/H2 or Cassandra). Read-only: nothing here writes to a journal.
 */
public final class SearchJournal {

    /** Read journal plugin id of the embedded (JDBC) journal. */
    public static final String JDBC = "jdbc-read-journal";
    /** Read journal plugin id of the Cassandra journal. */
    public static final String CASSANDRA = "pekko.persistence.cassandra.query";

    private final ActorSystem<?> system;
    private final String readJournalId;

    public SearchJournal(ActorSystem<?> system, String readJournalId) {
        this.system = system;
        this.readJournalId = readJournalId;
    }

    public static String persistenceId(String searchId) {
        return "search|" + searchId;
    }

    /** A search's events in journal order, streamed (constant memory for the consumer). */
    public Source<EventEnvelope, NotUsed> events(String searchId, long fromSequenceNr) {
        CurrentEventsByPersistenceIdQuery query = PersistenceQuery.get(system)
                .getReadJournalFor(CurrentEventsByPersistenceIdQuery.class, readJournalId);
        return query.currentEventsByPersistenceId(persistenceId(searchId), fromSequenceNr, Long.MAX_VALUE);
    }

    /** A search's events, all of them, in order. */
    public CompletionStage<List<Object>> eventList(String searchId) {
        return events(searchId, 0L).map(EventEnvelope::event).runWith(Sink.seq(), system);
    }

    /** The ids of all searches in the journal, sorted. */
    public CompletionStage<List<String>> searchIds() {
        CurrentPersistenceIdsQuery query = PersistenceQuery.get(system)
                .getReadJournalFor(CurrentPersistenceIdsQuery.class, readJournalId);
        return query.currentPersistenceIds().filter(id -> id.startsWith("search|"))
                .map(id -> id.substring("search|".length())).runWith(Sink.seq(), system)
                .thenApply(ids -> ids.stream().sorted().toList());
    }
}
