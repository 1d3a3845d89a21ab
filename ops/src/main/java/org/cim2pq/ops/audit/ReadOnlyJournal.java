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
import org.cim2pq.ops.input.UserError;
import org.cim2pq.ops.setup.DataDir;
import org.cim2pq.ops.setup.JournalChoice;
import org.cim2pq.persistence.journal.JournalFile;
import org.cim2pq.persistence.journal.JournalFileException;
import org.cim2pq.persistence.proto.SearchStarted;
import org.cim2pq.persistence.event.SearchEvent;
import org.cim2pq.persistence.event.SearchEventCodec;
import org.cim2pq.persistence.event.SearchReadModel;
import org.cim2pq.persistence.query.SearchJournal;

/**
 * The embedded journal as the read side sees it (list, history, lineage, verify, export, report), opened read-only
 * (H2 {@code ACCESS_MODE_DATA=r}) so nothing here can write to it. While a search holds the journal's lock (it is
 * running), the read side reads a private {@link JournalCopy} instead: what the journal holds so far.
 */
public final class ReadOnlyJournal implements AutoCloseable {

    private static final long TIMEOUT_S = 300;

    private final DataDir data;
    private final JournalChoice choice;
    private final String where;
    private final JournalCopy copy; // null when the journal itself is read
    private final ActorSystem<Void> system;
    private final SearchJournal journal;

    /** The embedded journal of {@code data}. */
    public ReadOnlyJournal(DataDir data) {
        this(data, JournalChoice.EMBEDDED);
    }

    public ReadOnlyJournal(DataDir data, JournalChoice choice) {
        this.data = data;
        this.choice = choice;
        this.where = choice.describe(data);
        if (choice.cassandra()) {
            choice.checkReachable(data);
            this.copy = null;
        } else {
            JournalFile file = new JournalFile(data.journal());
            if (!Files.exists(file.file())) {
                throw new UserError("no search journal in " + data.journal() + " (run a search first, or pass --data-dir)");
            }
            if (!Files.isRegularFile(file.file()) || !Files.isReadable(file.file())) {
                throw new UserError("cannot read the journal " + file.file() + ": " + (Files.isRegularFile(file.file())
                        ? "permission denied" : "not a file"));
            }
            this.copy = file.lockHolder().isPresent() ? JournalCopy.of(data.journal()) : null;
            try {
                (copy == null ? file : new JournalFile(copy.dataDir().resolve("journal"))).checkSound();
            } catch (JournalFileException e) {
                if (copy != null) {
                    copy.close();
                }
                throw new UserError(copy == null ? e.getMessage() : copy.shown(e.getMessage()), e);
            }
        }
        DataDir read = copy == null ? data : new DataDir(copy.dataDir());
        this.system = ActorSystem.create(Behaviors.empty(), "cim2pq-read",
                choice.config(read, true).withFallback(ConfigFactory.load()));
        this.journal = new SearchJournal(system, choice.readJournalId());
    }

    /** Whether a search held the journal (was running) when the read began. */
    public boolean searchRunning() {
        return copy != null;
    }

    /**
     * The search being written, if any: an embedded journal is held by at most one writer, which writes the search it
     * runs, so of the searches not completed the one written last is running. A Cassandra journal has no lock to
     * tell: empty. {@code list} and {@code report} both say "running" by this one rule.
     */
    public java.util.Optional<String> runningSearchId() {
        if (!searchRunning()) {
            return java.util.Optional.empty();
        }
        String running = null;
        long newest = -1;
        for (String id : searchIds()) {
            long[] last = await(stream(id, 0L).runWith(org.apache.pekko.stream.javadsl.Sink.fold(new long[] {-1, 0},
                    (acc, e) -> new long[] {e.offset() instanceof org.apache.pekko.persistence.query.Sequence seq
                            ? seq.value() : acc[0], SearchEventCodec.isEvent(e.event())
                            && SearchEventCodec.decode(e.event()).type().equals("SearchCompleted") ? 1 : 0}), system));
            if (last[1] == 0 && last[0] > newest) {
                newest = last[0];
                running = id;
            }
        }
        return java.util.Optional.ofNullable(running);
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
    /** A search's read model (the one fold over its events, with history). */
    public SearchReadModel model(String id) {
        return SearchReadModel.of(events(id));
    }

    public List<Object> events(String id) {
        List<Object> events = await(journal.eventList(id));
        if (events.isEmpty()) {
            throw new UserError("no search '" + id + "' in " + where + " (see cim2pq list)");
        }
        return events;
    }

    /** A search's first event; a UserError for an unknown id or a journal that does not start properly. */
    public SearchEvent.SearchStarted started(String id) {
        List<Object> first = await(stream(id, 0L).take(1).map(EventEnvelope::event)
                .runWith(org.apache.pekko.stream.javadsl.Sink.seq(), system));
        if (first.isEmpty()) {
            throw new UserError("no search '" + id + "' in " + where + " (see cim2pq list)");
        }
        return SearchEventCodec.start(first.get(0)).orElseThrow(() ->
                new UserError("the journal of search '" + id + "' does not begin with SearchStarted"));
    }

    /** Waits for a read; a damaged or foreign journal becomes one line. */
    public <T> T await(java.util.concurrent.CompletionStage<T> read) {
        try {
            return read.toCompletableFuture().get(TIMEOUT_S, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while reading " + where, e);
        } catch (Exception e) {
            String message = "cannot read " + where + ": " + UserError.rootMessage(e);
            throw new UserError(copy == null ? message : copy.shown(message), e);
        }
    }

    @Override
    public void close() {
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // nothing to save: read-only
        } finally {
            if (copy != null) {
                copy.close();
            } else {
                choice.awaitReleased(data); // the next reader or search in this JVM must not find it half closed
            }
        }
    }
}
