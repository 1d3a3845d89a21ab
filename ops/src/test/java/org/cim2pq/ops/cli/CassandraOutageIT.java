package org.cim2pq.ops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cim2pq.ops.cli.AuditCommandsTest.Out;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Searches journaled in a Cassandra of their own that requires a login (PasswordAuthenticator, credentials through
 * the driver's configuration): refused in one line without them; with them, the server is stopped for 20 s
 * mid-search and started again, and the search pauses, then completes with the front of an uninterrupted run of the
 * same seed on the embedded journal, every strategy recorded exactly once: once on one machine
 * ({@code search --journal cassandra}), once on a cluster node ({@code search --cluster}).
 */
@Tag("cassandra")
class CassandraOutageIT {

    // 150 generations: long enough that stopping Cassandra (a few seconds) happens mid-search on a quiet machine
    static final String[] SEARCH = {"search", "--model", "lenet5", "--dataset", "fashion-mnist", "--seed", "5",
        "--population", "6", "--generations", "150", "--eval-images", "100", "--calibration-images", "64",
        "--pipelines", "1", "--held-out", "none"};

    static final List<String> LOGIN = List.of(
            "-Ddatastax-java-driver.advanced.auth-provider.class=PlainTextAuthProvider",
            "-Ddatastax-java-driver.advanced.auth-provider.username=cassandra",
            "-Ddatastax-java-driver.advanced.auth-provider.password=cassandra");

    private static Path dir;
    private static Path server;
    private static int port;
    private static String contact;
    private static String front;
    private static int referenceOutcomes;
    private final List<Process> processes = new java.util.ArrayList<>();

    @org.junit.jupiter.api.BeforeAll
    static void startCassandraAndTheReference() throws Exception {
        dir = Path.of("target", "cassandra-outage-it", Long.toString(System.currentTimeMillis(), 36)).toAbsolutePath();
        Files.createDirectories(dir);
        server = dir.resolve("cassandra");
        port = freeServerPort();
        assertEquals(0, cassandra("start", "--password-authenticator"));
        contact = "127.0.0.1:" + port;
        Out reference = AuditCommandsTest.run(with(SEARCH, "--id", "reference", "--data-dir", dir.resolve("single").toString()));
        assertEquals(0, reference.exit(), reference.err());
        front = Files.readString(dir.resolve("single/reference/front.csv"));
        Out history = AuditCommandsTest.run("history", "--id", "reference", "--format", "jsonl", "--data-dir",
                dir.resolve("single").toString());
        assertEquals(0, history.exit(), history.err());
        referenceOutcomes = outcomes(history.out()).size();
    }

    @org.junit.jupiter.api.AfterAll
    static void stopCassandra() throws Exception {
        if (server != null) {
            cassandra("stop");
        }
    }

    @AfterEach
    void stopProcesses() throws Exception {
        for (Process p : processes) {
            p.destroyForcibly().waitFor();
        }
    }

    @Test
    void aSearchPausesWhileCassandraIsDownAndCompletesWithTheSameFront() throws Exception {
        String[] args = with(SEARCH, "--id", "outage", "--journal", "cassandra", "--cassandra", contact, "--data-dir",
                dir.resolve("client").toString());
        ForkedCli.Result refused = ForkedCli.run(dir.resolve("no-login"), Map.of(), 120, args);
        assertNotEquals(0, refused.exit());
        assertTrue(refused.err().lines().anyMatch(l -> l.startsWith("cim2pq search: ") && l.contains("Cassandra at "
                + contact + " refused the login (PasswordAuthenticator)")), refused.err());

        Process search = ForkedCli.start(dir.resolve("search"), Map.of(), LOGIN, args);
        processes.add(search);
        outage(search, dir.resolve("search/err"));
        assertEquals(0, search.exitValue(), ClusterIT.read(dir.resolve("search/err")));
        assertEquals(front, Files.readString(dir.resolve("client/outage/front.csv")));
        assertEachStrategyOnce("outage");
    }

    @Test
    void aClusterSearchPausesWhileCassandraIsDownAndCompletesWithTheSameFront() throws Exception {
        int nodePort = org.cim2pq.ops.cluster.LoopbackPorts.free(1)[0];
        List<String> jvm = new java.util.ArrayList<>(LOGIN);
        jvm.add("-Xmx640m");
        Process node = ForkedCli.start(dir.resolve("node"), Map.of(), jvm, "node", "--roles", "search,worker", "--bind",
                "127.0.0.1:" + nodePort, "--journal", "cassandra", "--cassandra", contact, "--pipelines", "1",
                "--metrics", "off", "--data-dir", dir.resolve("node-data").toString());
        processes.add(node);
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!ClusterIT.read(dir.resolve("node/out")).contains(": up")) {
            assertTrue(node.isAlive(), () -> "the node stopped: " + ClusterIT.read(dir.resolve("node/err")));
            assertTrue(System.nanoTime() < deadline, "the node was not up within 120 s");
            Thread.sleep(250);
        }
        Process client = ForkedCli.start(dir.resolve("cluster-client"), Map.of(), List.of(), with(SEARCH, "--id",
                "outage-cluster", "--cluster", "127.0.0.1:" + nodePort, "--data-dir", dir.resolve("client").toString()));
        processes.add(client);
        outage(client, dir.resolve("cluster-client/err"));
        assertEquals(0, client.exitValue(), ClusterIT.read(dir.resolve("cluster-client/err")));
        assertEquals(front, Files.readString(dir.resolve("client/outage-cluster/front.csv")));
        assertEachStrategyOnce("outage-cluster");
    }

    /** Stops Cassandra for 20 s once the search has 8 evaluations, starts it again, waits for the search to end. */
    private static void outage(Process search, Path progress) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (evaluations(progress) < 8) {
            assertTrue(search.isAlive(), () -> "the search stopped: " + ClusterIT.read(progress));
            assertTrue(System.nanoTime() < deadline, "the search did not get to 8 evaluations");
            Thread.sleep(200);
        }
        int atStop = evaluations(progress);
        assertEquals(0, cassandra("stop"));
        long stoppedAt = System.nanoTime();
        Thread.sleep(20_000);
        assertTrue(search.isAlive(), "the search gave up while Cassandra was down");
        assertEquals(0, cassandra("start", "--password-authenticator"));
        System.out.println("CassandraOutageIT: Cassandra stopped at " + atStop + " evaluations, back after "
                + (System.nanoTime() - stoppedAt) / 1_000_000 + " ms");
        assertTrue(search.waitFor(5, TimeUnit.MINUTES), "the search did not complete within 5 minutes of the restart");
        System.out.println("CassandraOutageIT: " + ClusterIT.read(progress).lines()
                .filter(l -> l.contains("answer")).toList());
    }

    private static void assertEachStrategyOnce(String id) throws Exception {
        ForkedCli.Result history = ForkedCli.run(dir.resolve("history-" + id), Map.of(), LOGIN, 120, "history", "--id",
                id, "--format", "jsonl", "--journal", "cassandra", "--cassandra", contact, "--data-dir",
                dir.resolve("client").toString());
        assertEquals(0, history.exit(), history.err());
        Map<String, Integer> outcomes = outcomes(history.out());
        assertEquals(referenceOutcomes, outcomes.size(), "strategies with an outcome, as in the uninterrupted run");
        outcomes.forEach((strategy, n) -> assertEquals(1, n, strategy + " recorded " + n + " times"));
    }

    /** How many outcomes (result or failure) each strategy has in a history in JSON lines. */
    private static Map<String, Integer> outcomes(String jsonl) {
        Map<String, Integer> outcomes = new HashMap<>();
        Pattern result = Pattern.compile("\"type\":\"(StrategyEvaluated|EvaluationFailed)\",\"event\":\\{\"strategyId\":\"([^\"]+)\"");
        for (String line : jsonl.lines().toList()) {
            Matcher m = result.matcher(line);
            if (m.find()) {
                outcomes.merge(m.group(2), 1, Integer::sum);
            }
        }
        return outcomes;
    }

    /** The last "evaluations N/" the search's progress line printed (to stderr). */
    private static int evaluations(Path out) throws IOException {
        if (!Files.exists(out)) {
            return 0;
        }
        Matcher m = Pattern.compile("evaluations (\\d+)/").matcher(Files.readString(out));
        int n = 0;
        while (m.find()) {
            n = Integer.parseInt(m.group(1));
        }
        return n;
    }

    private static int cassandra(String action, String... more) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("bin/cassandra-local", action, "--dir",
                server.toString(), "--port", Integer.toString(port)));
        command.addAll(List.of(more));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(server.resolveSibling("cassandra-local.log").toFile()))
                .start();
        assertTrue(p.waitFor(4, TimeUnit.MINUTES), "cassandra-local " + action + " did not return");
        return p.exitValue();
    }

    /** A CQL port whose storage (N+1000) and JMX (N+2000) ports are free too. */
    private static int freeServerPort() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int p;
            try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                p = s.getLocalPort();
            }
            if (p >= 1024 && p <= 60000 && free(p + 1000) && free(p + 2000)) {
                return p;
            }
        }
        throw new AssertionError("no free port triple for a second Cassandra");
    }

    private static boolean free(int p) {
        try (ServerSocket s = new ServerSocket(p, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.isBound();
        } catch (IOException e) {
            return false;
        }
    }

    private static String[] with(String[] base, String... more) {
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }
}
