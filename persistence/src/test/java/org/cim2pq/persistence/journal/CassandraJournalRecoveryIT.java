package org.cim2pq.persistence.journal;

import com.typesafe.config.Config;
import org.junit.jupiter.api.Tag;

/**
 * The cluster journal against a real Cassandra server (started by {@code ops/bin/test} through
 * {@code ops/bin/cassandra-local}); its port comes from {@code -Dcim2pq.test.cassandra.port}.
 */
@Tag("cassandra")
class CassandraJournalRecoveryIT extends JournalRecoveryContract {

    @Override
    Config journal() {
        int port = Integer.getInteger("cim2pq.test.cassandra.port", 9042);
        return JournalConfig.cassandra(System.getProperty("cim2pq.test.cassandra.host", "127.0.0.1"), port, "cim2pq_it");
    }
}
