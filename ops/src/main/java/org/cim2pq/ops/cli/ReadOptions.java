package org.cim2pq.ops.cli;

import java.nio.file.Path;

import org.cim2pq.ops.audit.ReadOnlyJournal;
import org.cim2pq.ops.setup.DataDir;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code --data-dir} and the journal options of the commands that only read a journal (list, history, ...). */
final class ReadOptions {

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where journals and results go (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Mixin
    JournalOptions journal;

    /** The chosen journal, read only; the data dir must exist (reading never creates it). */
    ReadOnlyJournal open() {
        return new ReadOnlyJournal(DataDir.existing(dataDir), journal.choice());
    }
}
