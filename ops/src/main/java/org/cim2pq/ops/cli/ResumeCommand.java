package org.cim2pq.ops.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cim2pq.ops.search.SearchRequest;
import org.cim2pq.ops.search.SearchRun;
import org.cim2pq.ops.setup.DataDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cim2pq resume}: continues a stopped or crashed search from its journal, with its recorded configuration. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Continue a search from its journal (same configuration, same result as an uninterrupted run).")
final class ResumeCommand implements Callable<Integer> {

    @Option(names = "--id", paramLabel = "ID", required = true, description = "The search to continue.")
    String id;

    @Option(names = "--pipelines", paramLabel = "P", description = "Evaluation pipelines; 0 = one per core (default: ${DEFAULT-VALUE}).")
    int pipelines;

    @Option(names = "--snapshot-every", paramLabel = "K", description = "Journal a snapshot every K events (default: ${DEFAULT-VALUE}).")
    int snapshotEvery;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where journals and results go (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        SearchRequest recorded = SearchRun.recorded(DataDir.open(dataDir), id);
        return SearchCommand.run(recorded, dataDir, pipelines, snapshotEvery);
    }
}
