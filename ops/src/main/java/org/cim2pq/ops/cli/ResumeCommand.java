package org.cim2pq.ops.cli;

import java.util.concurrent.Callable;
import org.cim2pq.ops.search.SearchRequest;
import org.cim2pq.ops.search.SearchRun;
import org.cim2pq.ops.setup.DataDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cim2pq resume}: continues a stopped or crashed search from its journal, with its recorded configuration. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Continue a search from its journal (same configuration, same result as an uninterrupted run).")
final class ResumeCommand implements Callable<Integer> {

    @Option(names = "--id", paramLabel = "ID", required = true, description = "The search to continue.")
    String id;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() throws Exception {
        run.validate();
        SearchRequest recorded = SearchRun.recorded(DataDir.open(run.dataDir), run.journal.choice(), id);
        return SearchCommand.run(recorded, run);
    }
}
