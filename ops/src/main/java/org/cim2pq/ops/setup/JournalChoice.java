package org.cim2pq.ops.setup;

import com.typesafe.config.Config;
import java.util.Locale;
import org.cim2pq.ops.input.UserError;
import org.cim2pq.persistence.journal.JournalConfig;
import org.cim2pq.persistence.query.SearchJournal;

/**
 * Which journal a command uses: the embedded H2 file under the data dir (default) or a Cassandra cluster (the
 * journal of distributed searches), with its contact point.
 */
public record JournalChoice(boolean cassandra, String host, int port) {

    /** Keyspaces {@code cim2pq_journal} and {@code cim2pq_snapshot}. */
    public static final String KEYSPACE_PREFIX = "cim2pq";

    public static final JournalChoice EMBEDDED = new JournalChoice(false, "", 0);

    /** From {@code --journal embedded|cassandra} and {@code --cassandra HOST:PORT}; a UserError names a bad value. */
    public static JournalChoice of(String journal, String contactPoint) {
        String kind = journal == null ? "embedded" : journal.toLowerCase(Locale.ROOT);
        if (kind.equals("embedded")) {
            return EMBEDDED;
        }
        if (!kind.equals("cassandra")) {
            throw new UserError("--journal must be embedded or cassandra, got '" + journal + "'");
        }
        int colon = contactPoint == null ? -1 : contactPoint.lastIndexOf(':');
        try {
            int port = Integer.parseInt(contactPoint.substring(colon + 1));
            if (colon <= 0 || port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return new JournalChoice(true, contactPoint.substring(0, colon), port);
        } catch (RuntimeException e) {
            throw new UserError("--cassandra must be HOST:PORT, got '" + contactPoint + "'", e);
        }
    }

    /** Pekko Persistence configuration for this journal; the embedded one read-only when asked. */
    public Config config(DataDir data, boolean readOnly) {
        if (cassandra) {
            return JournalConfig.cassandra(host, port, KEYSPACE_PREFIX);
        }
        return readOnly ? JournalConfig.embeddedReadOnly(data.journal()) : JournalConfig.embedded(data.journal());
    }

    /** The Pekko Persistence Query plugin of this journal. */
    public String readJournalId() {
        return cassandra ? SearchJournal.CASSANDRA : SearchJournal.JDBC;
    }

    /** Where the journal is, for messages. */
    public String describe(DataDir data) {
        return cassandra ? "the Cassandra journal at " + host + ":" + port : data.journal().toString();
    }
}
