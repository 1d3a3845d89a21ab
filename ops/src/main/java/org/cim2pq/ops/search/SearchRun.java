package org.cim2pq.ops.search;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.stream.javadsl.Sink;
import org.cim2pq.actors.evaluation.EvaluationModel;
import org.cim2pq.actors.evaluation.EvaluationPipeline;
import org.cim2pq.actors.evaluation.EvaluationQueue;
import org.cim2pq.actors.search.PrecisionColumn;
import org.cim2pq.actors.search.SearchActor;
import org.cim2pq.actors.search.SearchDefinition;
import org.cim2pq.actors.search.SearchNode;
import org.cim2pq.ops.input.UserError;
import org.cim2pq.ops.setup.DataDir;
import org.cim2pq.ops.setup.JournalChoice;
import org.cim2pq.persistence.journal.JournalFile;
import org.cim2pq.persistence.journal.JournalFileException;
import org.cim2pq.persistence.event.SearchEvent;
import org.cim2pq.sim.cim.CimModelRevision;
import org.cim2pq.persistence.event.SearchEventCodec;
import org.cim2pq.persistence.query.FrontCsv;
import org.cim2pq.persistence.query.SearchJournal;

/**
 * Runs one search on this machine with the embedded journal: checks the journal before anything is written,
 * builds the model, starts (or continues) the search, shows progress, and writes {@code <data-dir>/<id>/front.csv}
 * when it completes. Ctrl-C stops it cleanly; everything decided so far is in the journal and {@code resume}
 * continues it.
 */
public final class SearchRun {

    static final Duration ASK = Duration.ofSeconds(30);

    private final DataDir data;
    private final JournalChoice journal;
    private final ModelCatalog catalog;
    private final PrintStream out;
    private final PrintStream err;

    public SearchRun(DataDir data, JournalChoice journal, ModelCatalog catalog, PrintStream out, PrintStream err) {
        this.data = data;
        this.journal = journal;
        this.catalog = catalog;
        this.out = out;
        this.err = err;
    }

    /** Reads a search's recorded request from its journal (for {@code resume}); a UserError when there is none. */
    public static SearchRequest recorded(DataDir data, JournalChoice journal, String id) {
        if (!journal.cassandra() && !new JournalFile(data.journal()).exists()) {
            throw new UserError("no journal in " + data.journal() + ", so no search '" + id + "' to resume");
        }
        ActorSystem<SpawnProtocol.Command> system = startSystem(data, journal);
        try {
            SearchEvent.SearchStarted started = firstEvent(system, journal, id);
            if (started == null) {
                throw new UserError("no search '" + id + "' in " + journal.describe(data) + " (see cim2pq list)");
            }
            return SearchRequest.fromJson(id, started.provenance().getConfig());
        } finally {
            stop(system);
            journal.awaitReleased(data); // resume opens it again next, in this JVM
        }
    }

    /** Starts or continues the search; returns the exit code. */
    public int run(SearchRequest request, int pipelines, int snapshotEvery) throws Exception {
        catalog.validate(request);
        ActorSystem<SpawnProtocol.Command> system = startSystem(data, journal);
        Runnable journalIntact = journalIntact();
        Interruption ctrlC = new Interruption("cim2pq-ctrl-c", 30);
        AtomicBoolean interrupted = ctrlC.flag();
        EvaluationModel model = null;
        try {
            SearchEvent.SearchStarted existing;
            try {
                existing = firstEvent(system, journal, request.id());
            } catch (UserError e) {
                journalIntact.run(); // a journal deleted before H2 opened it: say so, not what H2 made of it
                throw e;
            }
            journalIntact.run();
            String unreadable = existing == null ? null : SearchDefinition.unreadableFormat(existing);
            if (unreadable != null) {
                throw new UserError("search '" + request.id() + "' cannot continue: " + unreadable);
            }
            if (existing != null) {
                String recordedConfig = existing.provenance().getConfig();
                if (!recordedConfig.equals(request.toJson())) {
                    throw new UserError("search '" + request.id() + "' exists with a different configuration ("
                            + recordedConfig + "); choose another --id or resume it with: " + resumeCommand(request.id()));
                }
            }
            out.println("search " + request.id() + ": " + (existing == null ? "starting" : "continuing") + " ("
                    + request.model() + " on " + request.dataset() + ", seed " + request.seed() + ", population "
                    + request.population() + ", " + request.generations() + " generations, " + request.granularity()
                    + "wise, " + request.selection() + ", " + request.fidelity() + ")");
            model = catalog.open(request);
            // A continued search keeps the method revision and the sensitivity it was journaled with.
            SearchDefinition definition = request.definition(model, snapshotEvery, existing, out);
            if (existing != null) {
                String mismatch = definition.mismatch(existing);
                if (mismatch != null) {
                    throw new UserError("search '" + request.id() + "' cannot continue: " + mismatch);
                }
                if (existing.platform() == null && SearchDefinition.needsEvaluation(definition.step(),
                        journaledEvents(system, request.id()))) {
                    throw new UserError("search '" + request.id() + "' was journaled by an earlier CIM model (journal"
                            + " format 1, model revision 1; this cim2pq simulates revision " + CimModelRevision.CURRENT
                            + "), and continuing it would evaluate strategies on another machine than its recorded"
                            + " results: read it (history, report, export, verify) or start a new search");
                }
            }
            int n = pipelines > 0 ? pipelines : Runtime.getRuntime().availableProcessors();
            EvaluationModel chosen = model;
            ActorRef<SearchNode.Command> node = AskPattern.<SpawnProtocol.Command, ActorRef<SearchNode.Command>>ask(
                    system, replyTo -> new SpawnProtocol.Spawn<>(SearchNode.create(chosen, n,
                            EvaluationQueue.Settings.DEFAULT, EvaluationPipeline.Settings.DEFAULT), "node",
                            Props.empty(), replyTo), ASK, system.scheduler()).toCompletableFuture().get();
            ActorRef<SearchActor.Command> search = AskPattern.<SearchNode.Command, ActorRef<SearchActor.Command>>ask(
                    node, replyTo -> new SearchNode.StartSearch(definition, replyTo), ASK, system.scheduler())
                    .toCompletableFuture().get();
            SearchActor.Progress progress = follow(system, search, request, interrupted, journalIntact);
            if (progress.refused() != null) {
                throw new UserError(progress.refused());
            }
            if (!progress.completed()) {
                search.tell(new SearchActor.Stop());
                err.println("search " + request.id() + ": stopped at generation " + Math.max(progress.generation(), 0)
                        + "; everything so far is journaled. Continue with: " + resumeCommand(request.id()));
                return 130;
            }
            journalIntact.run();
            Path front = writeFront(system, request.id(), chosen);
            out.println("search " + request.id() + ": completed, " + progress.frontSize() + " strategies on the front"
                    + (request.rescores() ? ", re-scored on " + request.rescore() + " (front.csv shows the "
                    + request.rescore() + " figures)" : "")
                    + (definition.reevaluations().stream().anyMatch(p -> p.isHeldOut()) ? ", re-evaluated on "
                    + definition.reevaluations().stream().filter(p -> p.isHeldOut()).findFirst().orElseThrow().imageCount()
                    + " held-out images (front.csv: heldout_* columns)" : ""));
            out.println("front: " + front);
            return 0;
        } finally {
            stop(system);
            journal.awaitReleased(data);
            ctrlC.close();
            if (model != null) {
                model.close(); // its native tensors: an experiment runs many searches in one JVM
            }
        }
    }

    private SearchActor.Progress follow(ActorSystem<?> system, ActorRef<SearchActor.Command> search,
            SearchRequest request, AtomicBoolean interrupted, Runnable journalIntact) throws Exception {
        ProgressLine line = new ProgressLine(err, System.console() != null);
        Duration patience = system.settings().config().getDuration("cim2pq.search.unanswered-limit");
        long silentSince = 0;
        try {
            while (true) {
                SearchActor.Progress p;
                try {
                    p = AskPattern.<SearchActor.Command, SearchActor.Progress>ask(search,
                            SearchActor.GetProgress::new, ASK, system.scheduler()).toCompletableFuture().get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (!(e.getCause() instanceof java.util.concurrent.TimeoutException)) {
                        throw e;
                    }
                    // The search restarts with backoff while its journal cannot be written or read (a Cassandra
                    // outage); it answers again once it has recovered.
                    long now = System.nanoTime();
                    if (silentSince == 0) {
                        silentSince = now - ASK.toNanos();
                        err.println("search " + request.id() + ": no answer for " + ASK.toSeconds() + " s (is the"
                                + " journal reachable?); waiting up to " + patience.toMinutes() + " min");
                    }
                    if (now - silentSince > patience.toNanos() || interrupted.get()) {
                        throw new UserError("search " + request.id() + ": no answer for "
                                + (now - silentSince) / 1_000_000_000L + " s; what it journaled is kept. Continue with: "
                                + resumeCommand(request.id()));
                    }
                    continue;
                }
                if (silentSince != 0) {
                    err.println("search " + request.id() + ": answering again after "
                            + (System.nanoTime() - silentSince) / 1_000_000_000L + " s");
                    silentSince = 0;
                }
                if (p.refused() != null) {
                    return p;
                }
                journalIntact.run();
                line.update(p, request.population());
                if (p.completed() || interrupted.get()) {
                    return p;
                }
                Thread.sleep(250);
            }
        } finally {
            line.finish();
        }
    }

    /** The command that continues this search, with the data dir and journal it ran on. */
    String resumeCommand(String id) {
        return "cim2pq resume --id " + id + " --data-dir " + data.path()
                + (journal.cassandra() ? " --journal cassandra --cassandra " + journal.host() + ":" + journal.port() : "");
    }

    /**
     * A check that the embedded journal is still the file this search opened: H2 keeps writing to a deleted file
     * (the events would vanish with the process) and would never notice a replaced one. Run on every progress
     * poll (a few times a second, so at least once per generation) and at completion; Cassandra needs none.
     */
    private Runnable journalIntact() {
        if (journal.cassandra()) {
            return () -> { };
        }
        JournalFile file = new JournalFile(data.journal());
        Object opened = file.identity();
        return () -> {
            Object now = file.identity();
            if (opened == null || !opened.equals(now)) {
                throw new UserError("the journal " + file.file() + (now == null ? " was deleted" : " was replaced by"
                        + " another file") + " while the search ran: what it journaled went with the old file and"
                        + " the search stopped; start it again to journal it anew");
            }
        };
    }

    private Path writeFront(ActorSystem<?> system, String id, EvaluationModel model) throws Exception {
        List<Object> events = completedEvents(system, id);
        String csv = FrontCsv.render(events, genome -> PrecisionColumn.render(model.space(), genome));
        Path dir = data.search(id);
        try {
            Files.createDirectories(dir);
            return Files.writeString(dir.resolve("front.csv"), csv);
        } catch (IOException e) {
            throw new UserError("cannot write " + dir.resolve("front.csv") + ": " + e.getMessage(), e);
        }
    }

    /**
     * The completed search's events, read for its front. The journal may be unreachable for a while (a Cassandra
     * outage just as the search ended): read again every 2 s for as long as a search waits for an answer
     * ({@code cim2pq.search.unanswered-limit}); then one line with the command that reads the front later.
     */
    private List<Object> completedEvents(ActorSystem<?> system, String id) throws Exception {
        Duration patience = system.settings().config().getDuration("cim2pq.search.unanswered-limit");
        long since = System.nanoTime();
        boolean said = false;
        while (true) {
            try {
                return new SearchJournal(system, journal.readJournalId()).eventList(id).toCompletableFuture().get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (System.nanoTime() - since > patience.toNanos()) {
                    throw new UserError("search " + id + " completed and is journaled, but its journal cannot be read"
                            + " for its front (" + journal.explain(e) + "); once it can, write it with: cim2pq export --id "
                            + id + " --out front.csv" + (journal.cassandra() ? " --journal cassandra" : ""), e);
                }
                if (!said) {
                    err.println("search " + id + ": completed; cannot read its journal for the front ("
                            + journal.explain(e) + "); trying again for up to " + patience.toMinutes() + " min");
                    said = true;
                }
                Thread.sleep(2000);
            }
        }
    }

    /**
     * An ActorSystem on the chosen journal. An embedded journal is checked first, without writing to it: held by
     * another process, empty, half-created or damaged, it is refused as it is; a missing one is created complete.
     */
    public static ActorSystem<SpawnProtocol.Command> startSystem(DataDir data, JournalChoice journal) {
        if (!journal.cassandra()) {
            prepareEmbedded(new JournalFile(data.journal()));
        }
        journal.checkReachable(data);
        return ActorSystem.create(SpawnProtocol.create(), "cim2pq",
                journal.config(data, false).withFallback(ConfigFactory.load()));
    }

    private static void prepareEmbedded(JournalFile file) {
        try {
            if (!file.exists() && file.create()) {
                return;
            }
            java.util.OptionalLong holder = file.lockHolder();
            if (holder.isPresent()) {
                throw new UserError("the journal " + file.file() + " is in use by "
                        + JournalFile.holderName(holder.getAsLong()) + ": one process writes a journal at a time;"
                        + " wait for it to end, stop it" + (holder.getAsLong() > 0 ? " (kill -INT " + holder.getAsLong()
                        + ")" : "") + " or use another --data-dir");
            }
            file.checkSound();
        } catch (JournalFileException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    /** A search's events, typed. */
    private List<SearchEvent> journaledEvents(ActorSystem<?> system, String id) throws Exception {
        return new SearchJournal(system, journal.readJournalId()).eventList(id).toCompletableFuture()
                .get(60, TimeUnit.SECONDS).stream().map(SearchEventCodec::decode).toList();
    }

    /** The search's SearchStarted, or null when the journal has no such search. */
    public static SearchEvent.SearchStarted firstEvent(ActorSystem<?> system, JournalChoice journal, String id) {
        try {
            List<Object> first = new SearchJournal(system, journal.readJournalId()).events(id, 0L).take(1)
                    .map(e -> e.event()).runWith(Sink.seq(), system).toCompletableFuture().get(60, TimeUnit.SECONDS);
            if (first.isEmpty()) {
                return null;
            }
            return SearchEventCodec.start(first.get(0)).orElseThrow(() ->
                    new UserError("the journal of search '" + id + "' does not begin with SearchStarted"));
        } catch (UserError e) {
            throw e;
        } catch (Exception e) {
            if (undecodable(e)) {
                throw new UserError("the journal of search '" + id + "' is unreadable by this cim2pq version: "
                        + UserError.rootMessage(e), e);
            }
            throw new UserError("cannot read the journal of search '" + id + "': " + journal.explain(e), e);
        }
    }

    /** Whether reading failed on an event this version cannot decode (rather than on the way to the journal). */
    private static boolean undecodable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.io.NotSerializableException
                    || t instanceof com.google.protobuf.InvalidProtocolBufferException) {
                return true;
            }
        }
        return false;
    }

    public static void stop(ActorSystem<?> system) {
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // terminating anyway; nothing left to save
        }
    }
}
