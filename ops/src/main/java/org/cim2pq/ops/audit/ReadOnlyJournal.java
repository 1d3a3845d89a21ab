package org.cim2pq.ops.audit;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.stream.javadsl.Source;
import org.cim2pq.ops.cli.UserError;
import org.cim2pq.ops.setup.DataDir;
import org.cim2pq.persistence.journal.JournalConfig;
import org.cim2pq.persistence.proto.SearchStarted;
import org.cim2pq.persistence.query.SearchJournal;

/**
 * The embedded journal opened read-only for the read side: listing, history, lineage, verification, export.
 * Nothing here can write to it (H2 opens the file with {@code ACCESS_MODE_DATA=r}).
 */
public final class ReadOnlyJournal implements AutoCloseable {

    private static final long TIMEOUT_S = 300;

    private final DataDir data;
    private final ActorSystem<Void> system;
    private final SearchJournal journal;

    public ReadOnlyJournal(DataDir data) {
        if (!Files.exists(data.journal().resolve("journal.mv.db"))) {
            throw new UserError("no journal in " + data.journal() + " (run a search first, or pass --data-dir)");
        }
        this.data = data;
        this.system = ActorSystem.create(Behaviors.empty(), "cim2pq-read",
                JournalConfig.embeddedReadOnly(data.journal()).withFallback(ConfigFactory.load()));
        this.journal = new SearchJournal(system, SearchJournal.JDBC);
    }

    public ActorSystem<Void> system() {
        return system;
    }

    public List<String> searchIds() {
        return await(journal.searchIds());
    }

    /** A search's events, streamed from {@code fromSequenceNr}. */
    public Source<EventEnvelope, NotUsed> stream(String id, long fromSequenceNr) {
        return journal.events(id, fromSequenceNr);
    }

    /** All of a search's events, in order; a UserError for an unknown id. */
    public List<Object> events(String id) {
        List<Object> events = await(journal.eventList(id));
        if (events.isEmpty()) {
            throw new UserError("no search '" + id + "' in " + data.journal() + " (see cim2pq list)");
        }
        return events;
    }

    /** A search's first event; a UserError for an unknown id or a journal that does not start properly. */
    public SearchStarted started(String id) {
        List<Object> first = await(stream(id, 0L).take(1).map(EventEnvelope::event)
                .runWith(org.apache.pekko.stream.javadsl.Sink.seq(), system));
        if (first.isEmpty()) {
            throw new UserError("no search '" + id + "' in " + data.journal() + " (see cim2pq list)");
        }
        if (!(first.get(0) instanceof SearchStarted started)) {
            throw new UserError("the journal of search '" + id + "' does not begin with SearchStarted");
        }
        return started;
    }

    /** Waits for a read; a damaged or foreign journal becomes one line. */
    public <T> T await(java.util.concurrent.CompletionStage<T> read) {
        try {
            return read.toCompletableFuture().get(TIMEOUT_S, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while reading " + data.journal());
        } catch (Exception e) {
            throw new UserError("cannot read the journal in " + data.journal() + ": " + rootMessage(e));
        }
    }

    @Override
    public void close() {
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // nothing to save: read-only
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
