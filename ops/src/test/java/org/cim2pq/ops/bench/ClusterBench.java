package org.cim2pq.ops.bench;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.pattern.StatusReply;
import org.cim2pq.actors.cluster.ClusterFront;
import org.cim2pq.actors.evaluation.AnalyticModel;
import org.cim2pq.actors.evaluation.EvaluationPipeline;
import org.cim2pq.actors.evaluation.EvaluationQueue;
import org.cim2pq.actors.search.SearchActor;
import org.cim2pq.actors.search.SearchDefinition;
import org.cim2pq.actors.search.SearchNode;
import org.cim2pq.actors.search.SearchSettings;
import org.cim2pq.ops.cli.Cim2pq;
import org.cim2pq.ops.cluster.ClusterContact;
import org.cim2pq.ops.cluster.HostPort;
import org.cim2pq.ops.search.PlatformModels;
import org.cim2pq.ops.search.SearchRequest;
import org.cim2pq.persistence.journal.JournalConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cim2pq bench cluster}: evaluation throughput of a real search on a local cluster (one search node and K
 * worker processes, one pipeline each, journal on Cassandra) for each K asked for, and the ratio to one worker; then
 * the search actor's own ceiling: a search on the same Cassandra whose evaluator costs nothing, in this JVM, so what
 * is measured is breeding, selection, dispatch and journal writes.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "Evaluations/s with 1, 2, ... worker processes on a local cluster, and the search actor's ceiling.")
public final class ClusterBench implements Callable<Integer> {

    @Option(names = "--workers", defaultValue = "1,2", description = "Worker processes per run (default: ${DEFAULT-VALUE}).")
    String workers;

    @Option(names = "--cassandra", defaultValue = "127.0.0.1:9042", description = "Cassandra contact point (default: ${DEFAULT-VALUE}).")
    String cassandra;

    @Option(names = "--model", defaultValue = "resnet8", description = "Shipped network (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--population", defaultValue = "8", description = "Population (default: ${DEFAULT-VALUE}).")
    int population;

    @Option(names = "--generations", defaultValue = "8", description = "Generations (default: ${DEFAULT-VALUE}).")
    int generations;

    @Option(names = "--eval-images", defaultValue = "500", description = "Evaluation images (default: ${DEFAULT-VALUE}).")
    int evalImages;

    @Option(names = "--ceiling-population", defaultValue = "200", description = "Population of the zero-cost search (default: ${DEFAULT-VALUE}).")
    int ceilingPopulation;

    @Option(names = "--ceiling-generations", defaultValue = "5", description = "Generations of the zero-cost search (default: ${DEFAULT-VALUE}).")
    int ceilingGenerations;

    @Option(names = "--worker-cores", defaultValue = "1", description = "Cores each worker process sees"
            + " (-XX:ActiveProcessorCount; its simulator threads follow), so K workers use K cores; 0 = all"
            + " (default: ${DEFAULT-VALUE}).")
    int workerCores;

    @Option(names = "--node-heap", defaultValue = "1g", description = "-Xmx of each node process (default: ${DEFAULT-VALUE}).")
    String nodeHeap;

    @Override
    public Integer call() throws Exception {
        HostPort contact = HostPort.parse("--cassandra", cassandra);
        Path dir = Files.createTempDirectory("cim2pq-bench-cluster");
        System.out.printf(Locale.ROOT, "bench cluster: %s, population %d, %d generations, %d evaluation images;"
                + " Cassandra %s; %d cores, %s per worker; load average %s%n", model, population, generations,
                evalImages, contact, Runtime.getRuntime().availableProcessors(),
                workerCores == 0 ? "all" : Integer.toString(workerCores), loadAverage());
        List<Integer> counts = new ArrayList<>();
        for (String w : workers.split(",")) {
            counts.add(Integer.parseInt(w.trim()));
        }
        List<double[]> rows = new ArrayList<>();
        for (int k : counts) {
            rows.add(throughput(k, contact, dir.resolve("workers-" + k)));
        }
        System.out.println();
        System.out.println("| worker processes | evaluations timed | seconds | evaluations/s | vs 1 worker | per added worker |");
        System.out.println("|---|---|---|---|---|---|");
        double base = rows.get(0)[2] / counts.get(0);
        for (int i = 0; i < counts.size(); i++) {
            double[] r = rows.get(i);
            int k = counts.get(i);
            double ratio = r[2] / base;
            System.out.printf(Locale.ROOT, "| %d | %.0f | %.1f | %.2f | %.2f | %s |%n", k, r[0], r[1], r[2], ratio,
                    k == 1 ? "" : String.format(Locale.ROOT, "%.2f", (ratio - 1) / (k - 1)));
        }
        ceiling(contact);
        return 0;
    }

    /** Evaluations, seconds, evaluations/s after the first generation, with {@code k} worker processes. */
    private double[] throughput(int k, HostPort contact, Path dir) throws Exception {
        int[] ports = org.cim2pq.ops.cluster.LoopbackPorts.free(k + 1);
        String seed = "127.0.0.1:" + ports[0];
        List<Process> nodes = new ArrayList<>();
        try {
            nodes.add(node(dir.resolve("search"), "search", ports[0], seed, contact));
            for (int i = 1; i <= k; i++) {
                nodes.add(node(dir.resolve("worker-" + i), "worker", ports[i], seed, contact));
            }
            for (int i = 0; i <= k; i++) {
                awaitUp(nodes.get(i), dir.resolve(i == 0 ? "search" : "worker-" + i));
            }
            HostPort front = new HostPort("127.0.0.1", ports[0]);
            awaitMembers(front, k + 1);
            String id = "bench-cluster-" + k + "-" + Long.toString(System.nanoTime(), 36);
            SearchRequest request = new SearchRequest(id, model, "fashion-mnist", 3, population, generations, "array",
                    "qnsga3", "bitserial", evalImages, 64, null, null);
            SearchDefinition definition = new SearchDefinition(id, new PlatformModels().open(request),
                    request.settings(500), request.toJson());
            try (ClusterContact c = ClusterContact.connect(front)) {
                StatusReply<Done> accepted = c.<StatusReply<Done>>ask(r -> new ClusterFront.Submit(
                        definition.started(System.currentTimeMillis()), r), Duration.ofSeconds(60));
                if (accepted.isError()) {
                    throw new IllegalStateException(accepted.getError().getMessage());
                }
                long from = 0;
                long fromEvaluations = 0;
                long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
                while (System.nanoTime() < deadline) {
                    SearchActor.Progress p = c.<SearchActor.Progress>ask(r -> new ClusterFront.GetProgress(id, r),
                            Duration.ofSeconds(30));
                    long now = System.nanoTime();
                    // Timed from the end of the first generation: every worker has opened its model by then.
                    if (from == 0 && p.generation() >= 1) {
                        from = now;
                        fromEvaluations = p.evaluations();
                    }
                    if (p.completed()) {
                        double seconds = (now - from) / 1e9;
                        double n = p.evaluations() - fromEvaluations;
                        System.out.printf(Locale.ROOT, "  %d worker(s): %.0f evaluations in %.1f s after generation 1:"
                                + " %.2f evaluations/s%n", k, n, seconds, n / seconds);
                        return new double[] {n, seconds, n / seconds};
                    }
                    Thread.sleep(100);
                }
                throw new IllegalStateException("the search on " + k + " workers did not complete within 20 minutes");
            }
        } finally {
            for (Process p : nodes) {
                p.destroy();
            }
            for (Process p : nodes) {
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor();
                }
            }
        }
    }

    /** Results journaled per second by a search whose evaluations cost nothing (this JVM, the same Cassandra). */
    private void ceiling(HostPort contact) throws Exception {
        AnalyticModel zero = new AnalyticModel(new int[] {4, 8, 8, 4}, 0);
        int pipelines = Runtime.getRuntime().availableProcessors();
        ActorSystem<SearchNode.Command> system = ActorSystem.create(SearchNode.create(zero, pipelines,
                        EvaluationQueue.Settings.DEFAULT, EvaluationPipeline.Settings.DEFAULT), "bench-ceiling",
                JournalConfig.cassandra(contact.host(), contact.port(), "cim2pq_bench").withFallback(ConfigFactory.load()));
        try {
            String id = "ceiling-" + Long.toString(System.nanoTime(), 36);
            SearchDefinition definition = new SearchDefinition(id, zero,
                    SearchSettings.of(11, ceilingPopulation, ceilingGenerations), "{}");
            long start = System.nanoTime();
            ActorRef<SearchActor.Command> search = AskPattern.<SearchNode.Command, ActorRef<SearchActor.Command>>ask(
                    system, r -> new SearchNode.StartSearch(definition, r), Duration.ofSeconds(60), system.scheduler())
                    .toCompletableFuture().get();
            SearchActor.Progress p;
            while (true) {
                p = AskPattern.<SearchActor.Command, SearchActor.Progress>ask(search, SearchActor.GetProgress::new,
                        Duration.ofSeconds(30), system.scheduler()).toCompletableFuture().get();
                if (p.completed() || p.refused() != null) {
                    break;
                }
                Thread.sleep(20);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.println();
            System.out.printf(Locale.ROOT, "search actor ceiling (zero-cost evaluator, %d pipelines in this JVM,"
                    + " Cassandra journal, population %d, %d generations): %d strategies bred, dispatched and their"
                    + " results journaled in %.1f s: %.0f strategies/s (one result event each, plus their crossover,"
                    + " mutation and selection events)%n", pipelines, ceilingPopulation, ceilingGenerations,
                    p.evaluations(), seconds, p.evaluations() / seconds);
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
        }
    }

    private Process node(Path logs, String role, int port, String seed, HostPort cassandraAt) throws IOException {
        Files.createDirectories(logs);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + nodeHeap, "-XX:+UseSerialGC", "-Dai.djl.offline=true", "-Djava.awt.headless=true"));
        if (role.equals("worker") && workerCores > 0) {
            command.add("-XX:ActiveProcessorCount=" + workerCores);
        }
        for (String p : List.of("DJL_CACHE_DIR", "ENGINE_CACHE_DIR")) {
            if (System.getProperty(p) != null) {
                command.add("-D" + p + "=" + System.getProperty(p));
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Cim2pq.class.getName(), "node",
                "--roles", role, "--bind", "127.0.0.1:" + port, "--seed-nodes", seed, "--journal", "cassandra",
                "--cassandra", cassandraAt.toString(), "--pipelines", "1", "--metrics", "off",
                "--data-dir", logs.resolve("data").toString()));
        return new ProcessBuilder(command).redirectOutput(logs.resolve("out").toFile())
                .redirectError(logs.resolve("err").toFile()).start();
    }

    private static void awaitUp(Process node, Path logs) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            Path out = logs.resolve("out");
            if (Files.exists(out) && Files.readString(out).contains(": up")) {
                return;
            }
            if (!node.isAlive()) {
                throw new IllegalStateException("node stopped: " + Files.readString(logs.resolve("err")));
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("node not up within 120 s (" + logs + ")");
    }

    private static void awaitMembers(HostPort front, int members) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            try (ClusterContact c = ClusterContact.connect(front)) {
                ClusterFront.Status s = c.<ClusterFront.Status>ask(ClusterFront.GetStatus::new, Duration.ofSeconds(5));
                if (s.members().stream().filter(m -> m.status().equals("Up")).count() == members) {
                    return;
                }
            } catch (RuntimeException e) {
                // not answering yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(members + " members not up within 120 s");
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0];
        } catch (IOException e) {
            return "?";
        }
    }
}
