package org.cim2pq.actors.search;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.cim2pq.actors.evaluation.EvaluationModel;
import org.cim2pq.actors.evaluation.EvaluationPipeline;
import org.cim2pq.actors.evaluation.EvaluationQueue;
import org.cim2pq.persistence.journal.JournalConfig;
import org.cim2pq.persistence.journal.JournalFile;
import org.cim2pq.persistence.query.SearchJournal;

/** Runs a search on a real H2 journal in a fresh ActorSystem, waits for it, and reads its journal back. */
public final class LocalSearchHarness implements AutoCloseable {

    public final ActorSystem<SearchNode.Command> system;

    public LocalSearchHarness(Path journalDir, EvaluationModel model, int pipelines, EvaluationQueue.Settings queue,
            EvaluationPipeline.Settings pipeline) throws Exception {
        JournalFile journal = new JournalFile(journalDir);
        if (!journal.exists()) {
            journal.create(); // the plugin's own DDL, as the product creates a journal
        }
        system = ActorSystem.create(SearchNode.create(model, pipelines, queue, pipeline), "search-test",
                JournalConfig.embedded(journalDir).withFallback(ConfigFactory.load()));
    }

    public ActorRef<SearchActor.Command> start(SearchDefinition definition) throws Exception {
        return AskPattern.<SearchNode.Command, ActorRef<SearchActor.Command>>ask(system,
                replyTo -> new SearchNode.StartSearch(definition, replyTo), Duration.ofSeconds(10),
                system.scheduler()).toCompletableFuture().get();
    }

    /** A search recovered from its journal alone, from its id. */
    public ActorRef<SearchActor.Command> recover(String searchId, int snapshotEvery) throws Exception {
        return AskPattern.<SearchNode.Command, ActorRef<SearchActor.Command>>ask(system,
                replyTo -> new SearchNode.RecoverSearch(searchId, snapshotEvery, replyTo), Duration.ofSeconds(10),
                system.scheduler()).toCompletableFuture().get();
    }

    public SearchActor.Progress progress(ActorRef<SearchActor.Command> search) throws Exception {
        return AskPattern.<SearchActor.Command, SearchActor.Progress>ask(search, SearchActor.GetProgress::new,
                Duration.ofSeconds(10), system.scheduler()).toCompletableFuture().get();
    }

    public SearchActor.Progress awaitCompletion(ActorRef<SearchActor.Command> search, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            SearchActor.Progress p = progress(search);
            if (p.completed() || p.refused() != null) {
                return p;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("search did not complete within " + limit + ": " + p);
            }
            Thread.sleep(50);
        }
    }

    public List<Object> events(String searchId) throws Exception {
        return new SearchJournal(system, SearchJournal.JDBC).eventList(searchId).toCompletableFuture().get();
    }

    @Override
    public void close() throws Exception {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get();
    }
}
