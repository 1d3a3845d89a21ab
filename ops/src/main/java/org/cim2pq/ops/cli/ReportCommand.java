package org.cim2pq.ops.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cim2pq.ops.report.SearchReport;
import org.cim2pq.ops.search.PlatformModels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cim2pq report}: a search's Pareto fronts, hypervolume, precision map and provenance as HTML and PNGs. */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Render a search's report (HTML page and PNG plots) from its journal; works while it runs.")
final class ReportCommand implements Callable<Integer> {

    @Option(names = "--id", paramLabel = "ID", required = true, description = "The search to report.")
    String id;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder for index.html and the plots.")
    Path out;

    @Mixin
    ReadOptions read;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        SearchReport.Written w = new SearchReport(read.dataDir, read.journal.choice(), new PlatformModels(),
                System.err).write(id, out);
        spec.commandLine().getOut().println("report " + id + ": " + w.status() + "; " + w.plots().size() + " plots");
        spec.commandLine().getOut().println("page: " + w.page());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
