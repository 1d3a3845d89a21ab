package org.cim2pq.ops.input;

/** Which journal a command uses: the embedded H2 file under the data dir, or a Cassandra cluster. */
public enum JournalKind {
    EMBEDDED,
    CASSANDRA
}
