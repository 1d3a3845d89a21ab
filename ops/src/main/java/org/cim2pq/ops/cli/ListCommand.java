package org.cim2pq.ops.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.pekko.stream.javadsl.Sink;
import org.cim2pq.ops.audit.ReadOnlyJournal;
import org.cim2pq.persistence.query.SearchSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code cim2pq list}: the searches in a data dir's journal, with status, progress and best figures. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the searches in the journal.")
final class ListCommand implements Callable<Integer> {

    @Mixin
    ReadOptions read;

    @Override
    public Integer call() {
        try (ReadOnlyJournal journal = read.open()) {
            System.out.printf(Locale.ROOT, "%-32s %-10s %-11s %8s %6s %10s %10s  %s%n", "id", "status", "generation",
                    "evals", "failed", "best err%", "best TOPS/W", "model / dataset / seed");
            for (String id : journal.searchIds()) {
                SearchSummary s = journal.await(journal.stream(id, 0L).map(e -> e.event())
                        .runWith(Sink.fold(new SearchSummary(id), SearchSummary::add), journal.system()));
                String what = s.started() == null ? "" : s.started().getProvenance().getModel() + " / "
                        + s.started().getProvenance().getDataset() + " / " + s.started().getProvenance().getSeed();
                System.out.printf(Locale.ROOT, "%-32s %-10s %5d/%-5d %8d %6d %10s %10s  %s%n", id, s.status(),
                        Math.max(s.generation(), 0), s.generations(), s.evaluations(), s.failures(),
                        format(s.bestError()), format(s.bestTopsPerWatt()), what);
            }
        }
        return 0;
    }

    private static String format(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }
}
