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
 * A search journaled in a Cassandra of its own that requires a login (PasswordAuthenticator, credentials through
 * the driver's configuration): refused in one line without them; with them, the server is stopped for 20 s
 * mid-search and started again, and the search pauses, then completes with the front of an uninterrupted run of the
 * same seed on the embedded journal, every strategy recorded exactly once.
 */
@Tag("cassandra")
class CassandraOutageIT {

    static final String[] SEARCH = {"search", "--model", "lenet5", "--dataset", "fashion-mnist", "--seed", "5",
        "--population", "6", "--generations", "50", "--eval-images", "100", "--calibration-images", "64",
        "--pipelines", "1", "--held-out", "none"};

    static final List<String> LOGIN = List.of(
            "-Ddatastax-java-driver.advanced.auth-provider.class=PlainTextAuthProvider",
            "-Ddatastax-java-driver.advanced.auth-provider.username=cassandra",
            "-Ddatastax-java-driver.advanced.auth-provider.password=cassandra");

    private Path server;
    private int port;
    private Process search;

    @AfterEach
    void stop() throws Exception {
        if (search != null) {
            search.destroyForcibly().waitFor();
        }
        if (server != null) {
            cassandra("stop");
        }
    }

    @Test
    void aSearchPausesWhileCassandraIsDownAndCompletesWithTheSameFront() throws Exception {
        Path dir = Path.of("target", "cassandra-outage-it", Long.toString(System.currentTimeMillis(), 36))
                .toAbsolutePath();
        Files.createDirectories(dir);
        server = dir.resolve("cassandra");
        port = freeServerPort();
        assertEquals(0, cassandra("start", "--password-authenticator"));
        String contact = "127.0.0.1:" + port;

        Out reference = AuditCommandsTest.run(with(SEARCH, "--id", "reference", "--data-dir", dir.resolve("single").toString()));
        assertEquals(0, reference.exit(), reference.err());
        String front = Files.readString(dir.resolve("single/reference/front.csv"));

        String[] args = with(SEARCH, "--id", "outage", "--journal", "cassandra", "--cassandra", contact, "--data-dir",
                dir.resolve("client").toString());
        ForkedCli.Result refused = ForkedCli.run(dir.resolve("no-login"), Map.of(), 120, args);
        assertNotEquals(0, refused.exit());
        assertTrue(refused.err().lines().anyMatch(l -> l.startsWith("cim2pq search: ") && l.contains("Cassandra at "
                + contact + " refused the login (PasswordAuthenticator)")), refused.err());

        search = ForkedCli.start(dir.resolve("search"), Map.of(), LOGIN, args);
        Path out = dir.resolve("search/err"); // the progress line goes to stderr
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (evaluations(out) < 8) {
            assertTrue(search.isAlive(), () -> "the search stopped: " + ClusterIT.read(dir.resolve("search/err")));
            assertTrue(System.nanoTime() < deadline, "the search did not get to 8 evaluations");
            Thread.sleep(200);
        }
        int atStop = evaluations(out);
        assertEquals(0, cassandra("stop"));
        long stoppedAt = System.nanoTime();
        Thread.sleep(20_000);
        assertTrue(search.isAlive(), "the search gave up while Cassandra was down");
        assertEquals(0, cassandra("start", "--password-authenticator"));
        System.out.println("CassandraOutageIT: Cassandra stopped at " + atStop + " evaluations, back after "
                + (System.nanoTime() - stoppedAt) / 1_000_000 + " ms");

        assertTrue(search.waitFor(5, TimeUnit.MINUTES), "the search did not complete within 5 minutes of the restart");
        assertEquals(0, search.exitValue(), ClusterIT.read(dir.resolve("search/err")));
        assertEquals(front, Files.readString(dir.resolve("client/outage/front.csv")));

        ForkedCli.Result history = ForkedCli.run(dir.resolve("history"), Map.of(), LOGIN, 120, "history", "--id",
                "outage", "--format", "jsonl", "--journal", "cassandra", "--cassandra", contact, "--data-dir",
                dir.resolve("client").toString());
        assertEquals(0, history.exit(), history.err());
        Map<String, Integer> outcomes = new HashMap<>();
        Pattern result = Pattern.compile("\"type\":\"(StrategyEvaluated|EvaluationFailed)\",\"event\":\\{\"strategyId\":\"([^\"]+)\"");
        for (String line : history.out().lines().toList()) {
            Matcher m = result.matcher(line);
            if (m.find()) {
                outcomes.merge(m.group(2), 1, Integer::sum);
            }
        }
        assertTrue(outcomes.size() > atStop, history.out());
        outcomes.forEach((id, n) -> assertEquals(1, n, id + " recorded " + n + " times"));
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

    private int cassandra(String action, String... more) throws Exception {
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
