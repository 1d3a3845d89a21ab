package org.cim2pq.ops.setup;

import com.typesafe.config.Config;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.cim2pq.ops.input.JournalKind;
import org.cim2pq.ops.input.UserError;
import org.cim2pq.persistence.journal.JournalConfig;
import org.cim2pq.persistence.journal.JournalFile;
import org.cim2pq.persistence.query.SearchJournal;

/**
 * Which journal a command uses: the embedded H2 file under the data dir (default) or a Cassandra cluster (the
 * journal of distributed searches), with its contact point.
 */
public record JournalChoice(boolean cassandra, String host, int port) {

    /** Keyspaces {@code cim2pq_journal} and {@code cim2pq_snapshot}. */
    public static final String KEYSPACE_PREFIX = "cim2pq";

    /** How long the up-front check waits for a Cassandra node to accept a connection. */
    static final java.time.Duration CONNECT_TIMEOUT = java.time.Duration.ofSeconds(3);

    public static final JournalChoice EMBEDDED = new JournalChoice(false, "", 0);

    /** From {@code --journal embedded|cassandra} and {@code --cassandra HOST:PORT}; a UserError names a bad value. */
    public static JournalChoice of(JournalKind kind, String contactPoint) {
        if (kind == JournalKind.EMBEDDED) {
            return EMBEDDED;
        }
        // Resolved here: the driver drops a contact point it cannot resolve and falls back to 127.0.0.1:9042.
        org.cim2pq.ops.cluster.HostPort at = org.cim2pq.ops.cluster.HostPort.parse("--cassandra", contactPoint);
        return new JournalChoice(true, at.host(), at.port());
    }

    /**
     * What a failure to reach the journal means, in one line: a Cassandra that asks for a login the configuration
     * does not give is said so (the driver reports it deep inside "could not reach any contact point").
     */
    public String explain(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (cassandra && (m.contains("requires authentication") || m.contains("Authentication error"))) {
                return "Cassandra at " + host + ":" + port + " refused the login (PasswordAuthenticator): give its"
                        + " credentials as datastax-java-driver.advanced.auth-provider in the configuration"
                        + " (docs/cluster.md)";
            }
        }
        return UserError.rootMessage(failure);
    }

    /**
     * For Cassandra, checks that something answers at the contact point before the driver is started (which
     * would retry, log pages of warnings and then fail with a message about something else); the driver's own
     * log goes to {@code <data-dir>/cassandra-driver.log}. Nothing to check for the embedded journal.
     */
    public void checkReachable(DataDir data) {
        if (!cassandra) {
            return;
        }
        DriverLog.to(data.path().resolve(DriverLog.FILE));
        String start = "start one with: ops/bin/cassandra-local start --port " + port + " (or pass --cassandra HOST:PORT)";
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) CONNECT_TIMEOUT.toMillis());
        } catch (ConnectException e) {
            throw new UserError("cannot reach Cassandra at " + host + ":" + port + " (connection refused); " + start, e);
        } catch (SocketTimeoutException e) {
            throw new UserError("cannot reach Cassandra at " + host + ":" + port + " (no answer within "
                    + CONNECT_TIMEOUT.toSeconds() + " s); " + start, e);
        } catch (IOException e) {
            throw new UserError("cannot reach Cassandra at " + host + ":" + port + " (" + e.getMessage() + "); " + start, e);
        }
    }

    /** Pekko Persistence configuration for this journal; the embedded one read-only when asked. */
    public Config config(DataDir data, boolean readOnly) {
        if (cassandra) {
            return JournalConfig.cassandra(host, port, KEYSPACE_PREFIX);
        }
        return readOnly ? JournalConfig.embeddedReadOnly(data.journal()) : JournalConfig.embeddedExisting(data.journal());
    }

    /** The Pekko Persistence Query plugin of this journal. */
    public String readJournalId() {
        return cassandra ? SearchJournal.CASSANDRA : SearchJournal.JDBC;
    }

    /** Where the journal is, for messages. */
    public String describe(DataDir data) {
        return cassandra ? "the Cassandra journal at " + host + ":" + port : data.journal().toString();
    }

    /**
     * After an actor system on this journal has stopped, in this JVM: waits until H2 has closed the embedded file
     * (it writes its last chunk as it closes), so the next search or reader here never opens or copies it half
     * closed. Nothing to wait for on Cassandra.
     */
    public void awaitReleased(DataDir data) {
        if (cassandra) {
            return;
        }
        try {
            new JournalFile(data.journal()).awaitReleasedByThisProcess(java.time.Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
