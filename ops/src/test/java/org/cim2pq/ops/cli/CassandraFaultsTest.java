package org.cim2pq.ops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Cassandra journal when there is none: nothing listening at the contact point, or a host that does not
 * resolve (which the driver would silently replace by 127.0.0.1:9042). One line on the terminal, in a process
 * of its own with the product's logging, exit 1, and nothing journaled anywhere.
 */
class CassandraFaultsTest {

    @Test
    void nothingListeningIsOneLineNamingTheContactPointAndWhatToStart(@TempDir Path data) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort(); // closed again: nothing listens there
        }
        String contact = "127.0.0.1:" + port;
        for (String[] command : new String[][] {
                SearchCommandTest.args(data, "--journal", "cassandra", "--cassandra", contact, "--id", "c"),
                {"list", "--journal", "cassandra", "--cassandra", contact, "--data-dir", data.toString()}}) {
            ForkedCli.Result r = ForkedCli.run(data.resolve("logs-" + command[0]), Map.of(), 120, command);
            assertEquals(1, r.exit(), r.out() + r.err());
            assertEquals("cim2pq " + command[0] + ": cannot reach Cassandra at " + contact + " (connection refused);"
                    + " start one with: ops/bin/cassandra-local start --port " + port + " (or pass --cassandra"
                    + " HOST:PORT)", r.err().strip());
        }
        assertFalse(Files.exists(data.resolve("journal")), "nothing went to the embedded journal instead");
    }

    @Test
    void anUnresolvableHostIsRefusedNotReplacedByLocalhost(@TempDir Path data) throws Exception {
        ForkedCli.Result r = ForkedCli.run(data.resolve("logs"), Map.of(), 120, SearchCommandTest.args(data,
                "--journal", "cassandra", "--cassandra", "nosuchhost.invalid:9042", "--id", "c"));
        assertEquals(1, r.exit(), r.out() + r.err());
        assertEquals("cim2pq search: --cassandra nosuchhost.invalid:9042: unknown host 'nosuchhost.invalid'",
                r.err().strip());
        assertFalse(r.out().contains("starting"), r.out());
    }
}
