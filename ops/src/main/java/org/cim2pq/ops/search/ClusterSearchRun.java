package org.cim2pq.ops.search;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.Done;
import org.apache.pekko.pattern.StatusReply;
import org.cim2pq.actors.cluster.ClusterFront;
import org.cim2pq.actors.evaluation.EvaluationModel;
import org.cim2pq.actors.search.SearchActor;
import org.cim2pq.actors.search.SearchDefinition;
import org.cim2pq.ops.cluster.ClusterContact;
import org.cim2pq.ops.cluster.HostPort;
import org.cim2pq.ops.input.UserError;
import org.cim2pq.ops.setup.DataDir;

/**
 * {@code search --cluster}: builds the search's start here (the model describes its space and platform), submits it
 * to a running cluster, follows its progress and writes {@code <data-dir>/<id>/front.csv} when it completes.
 * Ctrl-C detaches: the search goes on in the cluster, and the same command follows it again.
 */
public final class ClusterSearchRun {

    /** How long without an answer before the client says so (it gives up after cim2pq.search.unanswered-limit). */
    static final Duration SILENCE = Duration.ofSeconds(30);

    private final DataDir data;
    private final ModelCatalog catalog;
    private final PrintStream out;
    private final PrintStream err;

    public ClusterSearchRun(DataDir data, ModelCatalog catalog, PrintStream out, PrintStream err) {
        this.data = data;
        this.catalog = catalog;
        this.out = out;
        this.err = err;
    }

    public int run(SearchRequest request, int snapshotEvery, HostPort node) throws Exception {
        catalog.validate(request);
        EvaluationModel model = catalog.open(request);
        SearchDefinition definition = request.definition(model, snapshotEvery, null, out);
        try (Interruption ctrlC = new Interruption("cim2pq-detach", 10);
             ClusterContact cluster = ClusterContact.connect(node)) {
            AtomicBoolean interrupted = ctrlC.flag();
            StatusReply<Done> accepted;
            try {
                accepted = cluster.<StatusReply<Done>>ask(replyTo -> new ClusterFront.Submit(
                        definition.started(System.currentTimeMillis()), replyTo), Duration.ofSeconds(60));
            } catch (TimeoutException e) {
                throw new UserError("the cluster at " + node + " did not accept search '" + request.id()
                        + "' within 60 s (is a node with the role search up? cim2pq cluster status --cluster " + node + ")", e);
            }
            if (accepted.isError()) {
                throw new UserError(accepted.getError().getMessage());
            }
            out.println("search " + request.id() + ": submitted to the cluster at " + node + " (" + request.model()
                    + " on " + request.dataset() + ", seed " + request.seed() + ", population " + request.population()
                    + ", " + request.generations() + " generations, " + request.fidelity() + ")");
            SearchActor.Progress progress = follow(cluster, request, interrupted);
            if (progress == null) {
                err.println("search " + request.id() + ": detached; it goes on in the cluster. Follow it again with the"
                        + " same command, or see it with: cim2pq cluster status --cluster " + node);
                return 130;
            }
            if (progress.refused() != null) {
                throw new UserError(progress.refused());
            }
            ClusterFront.Front front;
            try {
                front = cluster.<ClusterFront.Front>ask(replyTo -> new ClusterFront.GetFront(request.id(), replyTo),
                        Duration.ofSeconds(60));
            } catch (TimeoutException e) {
                throw new UserError("search " + request.id() + " completed, but the cluster did not send its front"
                        + " within 60 s; read it with: cim2pq export --id " + request.id() + " --journal cassandra", e);
            }
            if (front.error() != null) {
                throw new UserError("search " + request.id() + " completed, but its front cannot be read: " + front.error());
            }
            Path dir = data.search(request.id());
            Path file = dir.resolve("front.csv");
            try {
                Files.createDirectories(dir);
                Files.writeString(file, front.csv());
            } catch (IOException e) {
                throw new UserError("cannot write " + file + ": " + e.getMessage(), e);
            }
            out.println("search " + request.id() + ": completed, " + progress.frontSize() + " strategies on the front");
            out.println("front: " + file);
            return 0;
        }
    }

    /** The final progress, or null when detached (Ctrl-C). */
    private SearchActor.Progress follow(ClusterContact cluster, SearchRequest request, AtomicBoolean interrupted)
            throws Exception {
        ProgressLine line = new ProgressLine(err, System.console() != null);
        Duration patience = com.typesafe.config.ConfigFactory.load().getDuration("cim2pq.search.unanswered-limit");
        long lastAnswer = System.nanoTime();
        boolean silent = false;
        try {
            while (!interrupted.get()) {
                try {
                    SearchActor.Progress p = cluster.<SearchActor.Progress>ask(
                            replyTo -> new ClusterFront.GetProgress(request.id(), replyTo), Duration.ofSeconds(5));
                    if (silent) {
                        err.println("search " + request.id() + ": answering again after "
                                + (System.nanoTime() - lastAnswer) / 1_000_000_000L + " s");
                        silent = false;
                    }
                    lastAnswer = System.nanoTime();
                    if (p.refused() != null) {
                        return p;
                    }
                    line.update(p, request.population());
                    if (p.completed()) {
                        return p;
                    }
                } catch (TimeoutException e) {
                    // A search restarting with backoff (its journal unreachable) or moving to another node after its
                    // host died answers again once it has recovered.
                    long quiet = System.nanoTime() - lastAnswer;
                    if (!silent && quiet > SILENCE.toNanos()) {
                        silent = true;
                        err.println("search " + request.id() + ": no answer from the cluster at " + cluster.node()
                                + " for " + SILENCE.toSeconds() + " s (a node lost, or the journal unreachable?);"
                                + " waiting up to " + patience.toMinutes() + " min");
                    }
                    if (quiet > patience.toNanos()) {
                        throw new UserError("no progress of search '" + request.id() + "' from the cluster at "
                                + cluster.node() + " for " + quiet / 1_000_000_000L + " s; it may still run: cim2pq"
                                + " cluster status --cluster " + cluster.node(), e);
                    }
                }
                Thread.sleep(500);
            }
            return null;
        } finally {
            line.finish();
        }
    }
}
