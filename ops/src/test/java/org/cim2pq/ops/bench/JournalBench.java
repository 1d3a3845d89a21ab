package org.cim2pq.ops.bench;

import com.google.protobuf.Message;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.cim2pq.actors.evaluation.AnalyticModel;
import org.cim2pq.actors.evaluation.EvaluationPipeline;
import org.cim2pq.actors.evaluation.EvaluationQueue;
import org.cim2pq.actors.search.LocalSearchHarness;
import org.cim2pq.actors.search.SearchActor;
import org.cim2pq.actors.search.SearchDefinition;
import org.cim2pq.actors.search.SearchSettings;
import org.cim2pq.persistence.journal.JournalConfig;
import org.cim2pq.persistence.proto.StrategyEvaluated;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cim2pq bench journal}: the embedded (H2) journal and the search actors, measured.
 * <ol>
 *   <li>events persisted per second, one event per write and in batches (real event type and serializer);</li>
 *   <li>recovery time of a search with about {@code --events} events, without and with snapshots;</li>
 *   <li>the engine + actor + journal overhead per evaluation, as a fraction of the evaluation time.</li>
 * </ol>
 */
@Command(name = "journal", mixinStandardHelpOptions = true,
        description = "Journal throughput, recovery time with and without snapshots, per-evaluation overhead.")
public final class JournalBench implements Callable<Integer> {

    @Option(names = "--events", description = "Events in the recovery benchmark's searches (default: ${DEFAULT-VALUE}).")
    int events = 100_000;

    @Option(names = "--batch", description = "Events per write in the batched throughput run (default: ${DEFAULT-VALUE}).")
    int batch = 100;

    @Option(names = "--eval-ms", description = "Evaluation time per strategy in the overhead run; real ones take 0.3-1 s (default: ${DEFAULT-VALUE}).")
    int evalMillis = 200;

    @Option(names = "--dir", description = "Scratch folder (default: a temporary folder, deleted afterwards).")
    Path dir;

    @Override
    public Integer call() throws Exception {
        Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("cim2pq-bench-journal");
        try {
            throughput(work.resolve("throughput"), 20_000, 1);
            throughput(work.resolve("throughput"), 100_000, batch);
            recovery(work.resolve("recovery"));
            overhead(work.resolve("overhead"));
        } finally {
            if (dir == null) {
                deleteTree(work);
            }
        }
        return 0;
    }

    // --- 1. throughput --------------------------------------------------------------------------------------

    sealed interface WriterCommand {}

    record Write(int events, int batch, ActorRef<Long> replyTo) implements WriterCommand {}

    private record Next(int left, int batch, long start, ActorRef<Long> replyTo) implements WriterCommand {}

    /** Persists StrategyEvaluated events as fast as the journal takes them, {@code batch} per write. */
    static final class EventWriter extends EventSourcedBehavior<WriterCommand, Message, Integer> {
        private final ActorRef<WriterCommand> self;

        EventWriter(String id, ActorRef<WriterCommand> self) {
            super(PersistenceId.ofUniqueId(id));
            this.self = self;
        }

        @Override
        public Integer emptyState() {
            return 0;
        }

        @Override
        public CommandHandler<WriterCommand, Message, Integer> commandHandler() {
            return newCommandHandlerBuilder().forAnyState()
                    .onCommand(Write.class, (s, w) -> {
                        self.tell(new Next(w.events(), w.batch(), System.nanoTime(), w.replyTo()));
                        return Effect().none();
                    })
                    .onCommand(Next.class, (s, n) -> {
                        if (n.left() <= 0) {
                            return Effect().reply(n.replyTo(), System.nanoTime() - n.start());
                        }
                        int k = Math.min(n.batch(), n.left());
                        List<Message> batch = new ArrayList<>(k);
                        for (int i = 0; i < k; i++) {
                            batch.add(StrategyEvaluated.newBuilder().setStrategyId("g" + (s + i) / 100 + "-" + (s + i) % 100)
                                    .addObjectives(9.5).addObjectives(5120.5).addObjectives(880).addObjectives(91000)
                                    .putMetrics("tops_per_w", 14.2).setAttempt(1).setEvaluator("pipeline-0")
                                    .setEvaluationNanos(250_000_000L).build());
                        }
                        return Effect().persist(batch).thenRun(x -> self.tell(new Next(n.left() - k, n.batch(),
                                n.start(), n.replyTo())));
                    })
                    .build();
        }

        @Override
        public EventHandler<Integer, Message> eventHandler() {
            return newEventHandlerBuilder().forAnyState().onAnyEvent((s, e) -> s + 1);
        }
    }

    private void throughput(Path journal, int count, int batchSize) throws Exception {
        // The writer is spawned only once the tables exist: a persistent actor whose recovery fails just stops.
        ActorSystem<SpawnProtocol.Command> system = ActorSystem.create(SpawnProtocol.create(), "bench",
                JournalConfig.embedded(journal).withFallback(ConfigFactory.load()));
        try {
            new org.cim2pq.persistence.journal.JournalFile(journal).create();
            ActorRef<WriterCommand> writer = AskPattern.<SpawnProtocol.Command, ActorRef<WriterCommand>>ask(system,
                    r -> new SpawnProtocol.Spawn<>(Behaviors.<WriterCommand>setup(ctx -> new EventWriter(
                            "bench|writer-" + batchSize, ctx.getSelf())), "writer", Props.empty(), r),
                    Duration.ofSeconds(30), system.scheduler()).toCompletableFuture().get();
            long nanos = AskPattern.<WriterCommand, Long>ask(writer, r -> new Write(count, batchSize, r),
                    Duration.ofMinutes(10), system.scheduler()).toCompletableFuture().get();
            System.out.printf(Locale.ROOT, "journal h2 persist batch=%d: %d events in %.2f s = %.0f events/s%n",
                    batchSize, count, nanos / 1e9, count / (nanos / 1e9));
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get();
        }
    }

    // --- 2. recovery ----------------------------------------------------------------------------------------

    private void recovery(Path journal) throws Exception {
        AnalyticModel model = new AnalyticModel(new int[] {4, 6, 6, 4}, 0);
        int population = 100;
        // One generation journals 1 GenerationStarted + N crossovers + N mutations + N results + 1 selection.
        int generations = Math.max(1, events / (3 * population + 2));
        long[] withSnapshots = recover(journal, model, "with-snapshots", population, generations, 500);
        long[] without = recover(journal, model, "without-snapshots", population, generations, Integer.MAX_VALUE);
        System.out.printf(Locale.ROOT, "journal recovery of a search with %d events: without snapshots %d ms, "
                + "with snapshots every 500 events %d ms (ratio %.2f)%n", without[0], without[1], withSnapshots[1],
                (double) withSnapshots[1] / without[1]);
    }

    /** Runs a search to completion, then times a fresh actor system's recovery of it; returns {events, ms}. */
    private long[] recover(Path journal, AnalyticModel model, String id, int population, int generations,
            int snapshotEvery) throws Exception {
        SearchDefinition definition = new SearchDefinition(id, model,
                SearchSettings.of(5, population, generations).withSnapshotEvery(snapshotEvery), "{}");
        long count;
        try (LocalSearchHarness h = harness(journal, model, 2)) {
            h.awaitCompletion(h.start(definition), Duration.ofHours(1));
            count = h.events(id).size();
        }
        try (LocalSearchHarness h = harness(journal, model, 1)) {
            long start = System.nanoTime();
            ActorRef<SearchActor.Command> search = h.start(definition);
            SearchActor.Progress p = h.progress(search); // answered once recovery is complete
            long ms = (System.nanoTime() - start) / 1_000_000;
            if (!p.completed()) {
                throw new IllegalStateException("recovered search is not complete: " + p);
            }
            return new long[] {count, ms};
        }
    }

    // --- 3. overhead ----------------------------------------------------------------------------------------

    /**
     * Per-evaluation overhead as the marginal cost of more generations: two searches that differ only in their
     * number of generations, so the one-time costs (spawning, recovery of an empty journal, the first persists)
     * cancel out and what remains is what each evaluation costs beyond its own compute.
     */
    private void overhead(Path journal) throws Exception {
        int pipelines = 2;
        int groups = 3;
        AnalyticModel model = new AnalyticModel(new int[] {2, 3, 2}, Math.max(1, evalMillis / groups));
        try (LocalSearchHarness h = harness(journal, model, pipelines)) {
            double[] shortRun = timedSearch(h, model, "overhead-short", 2);
            double[] longRun = timedSearch(h, model, "overhead-long", 8);
            double wall = longRun[0] - shortRun[0];
            double ideal = (longRun[1] - shortRun[1]) / pipelines;
            long evaluations = (long) (longRun[2] - shortRun[2]);
            System.out.printf(Locale.ROOT, "search overhead: %d more evaluations of ~%d ms on %d pipelines took %.2f s "
                    + "more wall time for %.2f s more evaluation time per pipeline: overhead %.1f%% of evaluation time "
                    + "(whole runs: %.1f%% and %.1f%% including start-up)%n", evaluations, evalMillis, pipelines,
                    wall / 1e9, ideal / 1e9, 100 * (wall - ideal) / ideal,
                    100 * (shortRun[0] - shortRun[1] / pipelines) / (shortRun[1] / pipelines),
                    100 * (longRun[0] - longRun[1] / pipelines) / (longRun[1] / pipelines));
        }
    }

    /** Runs a search of N = 24 for {@code generations}; returns {wall ns, compute ns, evaluations}. */
    private static double[] timedSearch(LocalSearchHarness h, AnalyticModel model, String id, int generations)
            throws Exception {
        SearchDefinition definition = new SearchDefinition(id, model, SearchSettings.of(3, 24, generations), "{}");
        AnalyticModel.COMPUTE_NANOS.reset();
        long start = System.nanoTime();
        SearchActor.Progress p = h.awaitCompletion(h.start(definition), Duration.ofHours(1));
        return new double[] {System.nanoTime() - start, AnalyticModel.COMPUTE_NANOS.sum(), p.evaluations()};
    }

    private static LocalSearchHarness harness(Path journal, AnalyticModel model, int pipelines) throws Exception {
        return new LocalSearchHarness(journal, model, pipelines, EvaluationQueue.Settings.DEFAULT,
                EvaluationPipeline.Settings.DEFAULT);
    }

    private static void deleteTree(Path root) throws Exception {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
