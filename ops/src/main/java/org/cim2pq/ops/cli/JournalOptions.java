package org.cim2pq.ops.cli;

import org.cim2pq.ops.input.JournalKind;
import org.cim2pq.ops.setup.JournalChoice;
import picocli.CommandLine.Option;

/** {@code --journal embedded|cassandra} and {@code --cassandra HOST:PORT}, shared by every command that reads or writes a journal. */
final class JournalOptions {

    @Option(names = "--journal", paramLabel = "embedded|cassandra", description = "Which journal (default: ${DEFAULT-VALUE}).")
    JournalKind journal;

    @Option(names = "--cassandra", paramLabel = "HOST:PORT", description = "Cassandra contact point for --journal cassandra (default: ${DEFAULT-VALUE}).")
    String cassandra;

    JournalChoice choice() {
        return JournalChoice.of(journal == null ? JournalKind.EMBEDDED : journal, cassandra);
    }
}
