package org.cim2pq.ops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pekko.Done;
import org.apache.pekko.pattern.StatusReply;
import org.cim2pq.actors.cluster.ClusterFront;
import org.cim2pq.actors.search.SearchActor;
import org.cim2pq.actors.search.SearchDefinition;
import org.cim2pq.ops.cli.AuditCommandsTest.Out;
import org.cim2pq.ops.cluster.ClusterContact;
import org.cim2pq.ops.cluster.HostPort;
import org.cim2pq.ops.search.PlatformModels;
import org.cim2pq.ops.search.SearchRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The elastic cluster with real JVMs on loopback and the real Cassandra of {@code ops/bin/test}: three nodes run a
 * search submitted with {@code search --cluster} to the front of a single-machine run of the same seed while a fourth
 * node joins; then, in a second search, the node hosting the
 * search is killed with SIGKILL, the search resumes on another node, a worker node is killed with SIGKILL, and the
 * search completes on the survivors with the same front, every strategy recorded exactly once, the node that joined
 * among those that evaluated it, each survivor's metrics endpoint counting at least what the journal credits it with.
 */
@Tag("cassandra")
class ClusterIT {

    static final String[] SEARCH = {"search", "--model", "lenet5", "--dataset", "fashion-mnist", "--seed", "3",
        "--population", "6", "--generations", "12", "--eval-images", "100", "--calibration-images", "64", "--held-out", "none"};

    /** Short enough for the test (failure detection ~5 s + this), documented as 20 s for production. */
    static final List<String> JVM = List.of("-Xmx640m", "-Dpekko.cluster.split-brain-resolver.stable-after=3s",
            "-Dcim2pq.evaluation.queue.job-timeout=60s",
            "-Dlogback.configurationFile=cluster-node-logback.xml", "-Dpekko.loglevel=DEBUG");

    private final List<Process> nodes = new ArrayList<>();

    @AfterEach
    void stopNodes() {
        nodes.forEach(Process::destroyForcibly);
    }

    @Test
    void searchesRunOnTheClusterAndSurviveKilledNodesWithTheSameFront(@TempDir Path temp) throws Exception {
        // Node logs stay in target/ for a look after a failure.
        Path dir = Path.of("target", "cluster-it", Long.toString(System.currentTimeMillis(), 36)).toAbsolutePath();
        Files.createDirectories(dir);
        Out single = AuditCommandsTest.run(with(SEARCH, "--id", "reference", "--pipelines", "2", "--data-dir",
                dir.resolve("single").toString()));
        assertEquals(0, single.exit(), single.err());
        String reference = Files.readString(dir.resolve("single/reference/front.csv"));

        String suffix = Long.toString(System.nanoTime(), 36);
        int[] ports = org.cim2pq.ops.cluster.LoopbackPorts.free(8); // 4 nodes, then their metrics endpoints
        String seeds = "127.0.0.1:" + ports[0] + ",127.0.0.1:" + ports[1];
        for (int i = 0; i < 3; i++) {
            startNode(dir, i, ports[i], ports[i + 4], seeds);
        }
        for (int i = 0; i < 3; i++) {
            awaitUp(dir, i);
        }

        // 1. search --cluster on 3 nodes: the same front as one machine. A 4th node joins while it runs.
        String first = "cluster1-" + suffix;
        startNode(dir, 3, ports[3], ports[7], seeds);
        Out submitted = AuditCommandsTest.run(with(SEARCH, "--id", first, "--data-dir", dir.resolve("client").toString(),
                "--cluster", "127.0.0.1:" + ports[1]));
        assertEquals(0, submitted.exit(), submitted.out() + submitted.err());
        assertEquals(reference, Files.readString(dir.resolve("client/" + first + "/front.csv")));
        awaitUp(dir, 3);
        // 2. The search's host and then a worker node are killed mid-search: the same front.
        String second = "cluster2-" + suffix;
        String[] args = with(SEARCH, "--id", second);
        picocli.CommandLine cl = Cim2pq.newCommandLine(args);
        cl.parseArgs(args);
        SearchRequest request = cl.getSubcommands().get("search").<SearchCommand>getCommand().request();
        org.cim2pq.actors.evaluation.EvaluationModel model = new PlatformModels().open(request);
        // as search --cluster submits it: with the sensitivity the client measures (the same on every node)
        SearchDefinition definition = request.definition(model, 500, null, System.out);
        // The host is killed first, early (a search finishes in about 15 s on a quiet machine, so waiting for a
        // worker's downing first let it complete before its host died); a worker once the search has resumed.
        HostPort contact = new HostPort("127.0.0.1", ports[0]);
        long killedHostAt = 0;
        long resumedAfterMs = -1;
        String host = null;
        String newHost = null;
        String killedWorker = null;
        try (ClusterContact c = ClusterContact.connect(contact)) {
            StatusReply<Done> accepted = c.<StatusReply<Done>>ask(r -> new ClusterFront.Submit(
                    definition.started(System.currentTimeMillis()), r), Duration.ofSeconds(60));
            assertFalse(accepted.isError(), () -> accepted.getError().getMessage());
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
        long evaluationsAtKill = -1;
        SearchActor.Progress last = null;
        while (System.nanoTime() < deadline) {
            ClusterFront.Status status = status(contact);
            if (status == null) {
                Thread.sleep(500);
                continue;
            }
            ClusterFront.SearchStatus running = status.searches().stream()
                    .filter(s -> s.progress().searchId().equals(second)).findFirst().orElse(null);
            System.out.println("ClusterIT: " + status.members().stream().map(m -> m.address().replace("pekko://cim2pq@", "")
                    + " " + m.status() + (m.reachable() ? "" : " unreachable") + " p" + m.pipelines()).toList() + " search "
                    + (running == null ? "-" : running.address() + " " + running.progress().evaluations()
                    + (running.progress().completed() ? " completed" : "")));
            if (running != null) {
                last = running.progress();
            }
            if (host == null) {
                assertFalse(last != null && (last.completed() || running == null && last.evaluations() > 0),
                        "the search ended before its host was killed: make it longer");
                if (running != null && last.evaluations() >= 8) {
                    host = running.address();
                    evaluationsAtKill = last.evaluations();
                    nodes.get(indexOf(ports, host)).destroyForcibly().waitFor();
                    killedHostAt = System.nanoTime();
                    if (host.endsWith(":" + contact.port())) {
                        contact = new HostPort("127.0.0.1", ports[indexOf(ports, host) == 0 ? 1 : 0]);
                    }
                }
            } else if (newHost == null) {
                if (running != null && !running.address().equals(host)
                        && running.progress().evaluations() > evaluationsAtKill) {
                    newHost = running.address();
                    resumedAfterMs = (System.nanoTime() - killedHostAt) / 1_000_000;
                    System.out.println("ClusterIT: search resumed on " + newHost + " " + resumedAfterMs
                            + " ms after its host was killed");
                }
            } else if (killedWorker == null) {
                // The host is removed (3 members), so losing one more keeps a majority: kill a worker that neither
                // hosts the search now nor is the node that joined (whose evaluations the journal must show), and
                // talk to another survivor from then on.
                assertFalse(running == null || running.progress().completed(),
                        "the search ended before a worker was killed: make it longer");
                if (status.members().size() == 3) {
                    for (int i = 0; i < 3 && killedWorker == null; i++) {
                        String a = ":" + ports[i];
                        if (!host.endsWith(a) && !newHost.endsWith(a)) {
                            killedWorker = a;
                            for (int j = 0; j < 4 && contact.port() == ports[i]; j++) {
                                if (j != i && !host.endsWith(":" + ports[j])) {
                                    contact = new HostPort("127.0.0.1", ports[j]); // a survivor
                                }
                            }
                            nodes.get(i).destroyForcibly().waitFor();
                            System.out.println("ClusterIT: killed worker " + a + " at " + running.progress().evaluations()
                                    + " evaluations");
                        }
                    }
                }
            } else if (running == null) {
                break; // completed: deregistered and passivated
            }
            Thread.sleep(500);
        }
        assertTrue(resumedAfterMs >= 0, "the search did not resume after its host was killed; last " + last);
        assertTrue(killedWorker != null, "no worker was killed mid-search; last " + last);
        try (ClusterContact c = ClusterContact.connect(contact)) {
            SearchActor.Progress done = c.<SearchActor.Progress>ask(r -> new ClusterFront.GetProgress(second, r),
                    Duration.ofSeconds(60));
            assertTrue(done.completed(), done.toString());
            ClusterFront.Front front = c.<ClusterFront.Front>ask(r -> new ClusterFront.GetFront(second, r),
                    Duration.ofSeconds(60));
            assertEquals(reference, front.csv(), String.valueOf(front.error()));
        }

        // Every strategy evaluated (or failed) exactly once; the node that joined mid-search evaluated some.
        Out history = AuditCommandsTest.run("history", "--id", second, "--format", "jsonl", "--journal", "cassandra",
                "--cassandra", CassandraSearchCommandIT.contactPoint(), "--data-dir", dir.resolve("client").toString());
        assertEquals(0, history.exit(), history.err());
        Map<String, Integer> outcomes = new HashMap<>();
        Map<String, Integer> byNode = new HashMap<>();
        int reused = 0;
        Pattern result = Pattern.compile("\"type\":\"(StrategyEvaluated|EvaluationFailed)\",\"event\":\\{\"strategyId\":\"([^\"]+)\"");
        Pattern evaluator = Pattern.compile("\"evaluator\":\"([^\"/]*)/");
        for (String line : history.out().lines().toList()) {
            Matcher m = result.matcher(line);
            if (m.find()) {
                outcomes.merge(m.group(2), 1, Integer::sum);
                Matcher e = evaluator.matcher(line);
                if (e.find()) {
                    byNode.merge(e.group(1), 1, Integer::sum);
                } else if (line.contains("\"evaluator\":\"same genome as ")) {
                    reused++; // a child equal to an evaluated strategy takes its result: no node evaluated it
                }
            }
        }
        assertTrue(outcomes.size() >= 6, history.out());
        outcomes.forEach((id, n) -> assertEquals(1, n, id + " recorded " + n + " times"));
        System.out.println("ClusterIT: evaluations per node " + byNode);
        assertTrue(byNode.getOrDefault("127.0.0.1:" + ports[3], 0) > 0, "the node that joined evaluated nothing: " + byNode);
        assertEquals(outcomes.size(), byNode.values().stream().mapToInt(Integer::intValue).sum() + reused,
                byNode + ", " + reused + " results of equal genomes");

        // Each survivor's metrics endpoint counts at least the results the journal credits it with (a late answer
        // the search ignored is counted by the node, not journaled).
        for (int i = 0; i < 4; i++) {
            if (!nodes.get(i).isAlive()) {
                continue;
            }
            String scraped = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + ports[i + 4] + "/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            Matcher counted = Pattern.compile("cim2pq_node_evaluations_total\\{outcome=\"evaluated\"\\} ([0-9.]+)")
                    .matcher(scraped);
            double n = counted.find() ? Double.parseDouble(counted.group(1)) : 0;
            int journaled = byNode.getOrDefault("127.0.0.1:" + ports[i], 0);
            System.out.println("ClusterIT: node " + ports[i] + " counted " + n + " evaluations, journaled " + journaled);
            assertTrue(n >= journaled, "node " + ports[i] + " counted " + n + " < " + journaled + " journaled");
            assertTrue(journaled == 0 || n > 0, scraped);
        }
    }

    private static int indexOf(int[] ports, String address) {
        for (int i = 0; i < ports.length; i++) {
            if (address.endsWith(":" + ports[i])) {
                return i;
            }
        }
        throw new AssertionError("no node at " + address);
    }

    private void startNode(Path dir, int i, int port, int metricsPort, String seeds) throws IOException {
        nodes.add(ForkedCli.start(dir.resolve("node-" + i), Map.of(), JVM, "node", "--roles", "search,worker",
                "--bind", "127.0.0.1:" + port, "--seed-nodes", seeds, "--journal", "cassandra",
                "--metrics", "127.0.0.1:" + metricsPort,
                "--cassandra", CassandraSearchCommandIT.contactPoint(), "--pipelines", "1",
                "--data-dir", dir.resolve("node-" + i + "-data").toString()));
    }

    private void awaitUp(Path dir, int i) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        Path out = dir.resolve("node-" + i + "/out");
        while (System.nanoTime() < deadline) {
            if (Files.exists(out) && Files.readString(out).contains(": up")) {
                return;
            }
            assertTrue(nodes.get(i).isAlive(), () -> "node " + i + " stopped: " + read(dir.resolve("node-" + i + "/err")));
            Thread.sleep(250);
        }
        throw new AssertionError("node " + i + " not up within 120 s: " + read(dir.resolve("node-" + i + "/err")));
    }

    private static ClusterFront.Status status(HostPort node) {
        try (ClusterContact c = ClusterContact.connect(node)) {
            return c.<ClusterFront.Status>ask(ClusterFront.GetStatus::new, Duration.ofSeconds(5));
        } catch (Exception e) {
            return null;
        }
    }

    static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    private static String[] with(String[] base, String... more) {
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }
}
