package org.cim2pq.persistence.journal;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Path;
import java.util.List;

/**
 * Pekko Persistence configuration for the two journals cim2pq runs on: the embedded one (pekko-persistence-jdbc
 * on an H2 file, the default, nothing to install) and the cluster one (pekko-persistence-cassandra).
 * The result is layered over the application's own configuration with {@code withFallback}.
 */
public final class JournalConfig {

    private JournalConfig() {}

    /**
     * The embedded journal: one H2 database file {@code <dir>/journal.mv.db}, written by this JVM only.
     * The file lock (H2's default) is what stops two processes from writing one search at once. H2 does not close
     * the database on JVM exit: the ActorSystem's orderly stop closes the connection pool after the last persist (Ctrl-C
     * included), and with it the database, so the file is complete and unlocked when the command ends.
     */
    public static Config embedded(Path dir) {
        String url = "jdbc:h2:file:" + dir.toAbsolutePath().normalize().resolve("journal") + ";DB_CLOSE_ON_EXIT=FALSE";
        return ConfigFactory.parseResources(JournalConfig.class, "embedded-journal.conf")
                .withValue("pekko-persistence-jdbc.shared-databases.slick.db.url", ConfigValueFactory.fromAnyRef(url))
                .resolve();
    }

    /**
     * The embedded journal of a file that {@link JournalFile} created or checked: H2 never creates the database
     * itself ({@code IFEXISTS=TRUE}), so a file deleted before H2 opens it is an error, not a new empty journal.
     */
    public static Config embeddedExisting(Path dir) {
        String url = "jdbc:h2:file:" + dir.toAbsolutePath().normalize().resolve("journal")
                + ";IFEXISTS=TRUE;DB_CLOSE_ON_EXIT=FALSE";
        return ConfigFactory.parseResources(JournalConfig.class, "embedded-journal.conf")
                .withValue("pekko-persistence-jdbc.shared-databases.slick.db.url", ConfigValueFactory.fromAnyRef(url))
                .resolve();
    }

    /**
     * The embedded journal opened read-only (H2 {@code ACCESS_MODE_DATA=r}): what the read side (history, lineage,
     * verify, export, report) uses, so auditing a search can never change its journal.
     */
    public static Config embeddedReadOnly(Path dir) {
        String url = "jdbc:h2:file:" + dir.toAbsolutePath().normalize().resolve("journal")
                + ";ACCESS_MODE_DATA=r;IFEXISTS=TRUE;DB_CLOSE_ON_EXIT=FALSE";
        return ConfigFactory.parseResources(JournalConfig.class, "embedded-journal.conf")
                .withValue("pekko-persistence-jdbc.shared-databases.slick.db.url", ConfigValueFactory.fromAnyRef(url))
                // A file that opens at all opens at once; a damaged one should be reported quickly, not retried.
                .withValue("pekko-persistence-jdbc.shared-databases.slick.db.connectionTimeout",
                        ConfigValueFactory.fromAnyRef("2s"))
                .resolve();
    }

    /** The cluster journal on Cassandra; keyspaces and tables are created on first use. */
    public static Config cassandra(String host, int port, String keyspacePrefix) {
        return ConfigFactory.parseResources(JournalConfig.class, "cassandra-journal.conf")
                .withValue("datastax-java-driver.basic.contact-points",
                        ConfigValueFactory.fromIterable(List.of(host + ":" + port)))
                .withValue("pekko.persistence.cassandra.journal.keyspace",
                        ConfigValueFactory.fromAnyRef(keyspacePrefix + "_journal"))
                .withValue("pekko.persistence.cassandra.snapshot.keyspace",
                        ConfigValueFactory.fromAnyRef(keyspacePrefix + "_snapshot"))
                .resolve();
    }

    /**
     * The journal of a cluster node: Cassandra with autocreate off; the keyspaces and tables are created once
     * ({@link CassandraSchema}) by the first seed node before the cluster forms.
     */
    public static Config cassandraCluster(String host, int port, String keyspacePrefix) {
        Config off = ConfigFactory.parseString("pekko.persistence.cassandra { journal.keyspace-autocreate = off,"
                + " journal.tables-autocreate = off, snapshot.keyspace-autocreate = off,"
                + " snapshot.tables-autocreate = off }");
        return off.withFallback(cassandra(host, port, keyspacePrefix));
    }
}
