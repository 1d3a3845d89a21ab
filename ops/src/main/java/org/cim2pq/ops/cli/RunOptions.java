package org.cim2pq.ops.cli;

import java.nio.file.Path;
import org.cim2pq.ops.input.UserError;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where and how a search runs on this machine: shared by {@code search} and {@code resume}. */
final class RunOptions {

    @Option(names = "--pipelines", paramLabel = "P", description = "Evaluation pipelines; 0 = one per core (default: ${DEFAULT-VALUE}).")
    int pipelines;

    @Option(names = "--snapshot-every", paramLabel = "K", description = "Journal a snapshot every K events (default: ${DEFAULT-VALUE}).")
    int snapshotEvery;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where journals and results go (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Mixin
    JournalOptions journal;

    /** The embedded defaults (what {@code demo} runs on): one pipeline per core, snapshots as {@code cim2pq.snapshot-every}. */
    static RunOptions embedded(Path dataDir) {
        RunOptions r = new RunOptions();
        r.dataDir = dataDir;
        r.pipelines = 0;
        r.snapshotEvery = com.typesafe.config.ConfigFactory.load().getInt("cim2pq.snapshot-every");
        r.journal = new JournalOptions();
        r.journal.journal = org.cim2pq.ops.input.JournalKind.EMBEDDED;
        return r;
    }

    void validate() {
        if (pipelines < 0) {
            throw new UserError("--pipelines must be >= 0, got " + pipelines);
        }
        if (snapshotEvery < 1) {
            throw new UserError("--snapshot-every must be >= 1, got " + snapshotEvery);
        }
    }
}
