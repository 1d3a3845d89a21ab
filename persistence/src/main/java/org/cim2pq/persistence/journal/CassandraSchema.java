package org.cim2pq.persistence.journal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.persistence.cassandra.KeyspaceAndTableStatements;
import org.apache.pekko.persistence.cassandra.PluginSettings;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSessionRegistry;

/**
 * Creates the Cassandra journal's keyspaces and tables once, with the plugin's own statements, before anything
 * writes: cluster nodes run with autocreate off, because several nodes creating the same tables at once leave
 * Cassandra with mismatched column ids. The statements are {@code IF NOT EXISTS}, so running this again is harmless.
 */
public final class CassandraSchema {

    private CassandraSchema() {}

    /** Runs every keyspace and table statement of the journal and the snapshot store, in order. */
    public static void create(ClassicActorSystemProvider provider, Duration timeout) throws Exception {
        org.apache.pekko.actor.ActorSystem system = provider.classicSystem();
        String path = "pekko.persistence.cassandra";
        PluginSettings settings = PluginSettings.apply(system, system.settings().config().getConfig(path));
        KeyspaceAndTableStatements statements = new KeyspaceAndTableStatements(system, path, settings);
        List<String> all = new ArrayList<>();
        all.add(statements.createJournalKeyspaceStatement());
        all.addAll(statements.getCreateJournalTablesStatements());
        all.add(statements.createSnapshotKeyspaceStatement());
        all.addAll(statements.getCreateSnapshotTablesStatements());
        CassandraSession session = CassandraSessionRegistry.get(system).sessionFor(path);
        for (String cql : all) {
            session.executeDDL(cql).toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
