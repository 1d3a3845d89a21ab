package org.cim2pq.ops.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.stream.javadsl.Sink;
import org.cim2pq.ops.audit.ReadOnlyJournal;
import org.cim2pq.persistence.query.SearchSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code cim2pq list}: the searches in a data dir's journal, with status, progress and best figures. Every search
 * is read before anything is printed, so an error is the only output, and the id column is as wide as the ids.
 */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the searches in the journal.")
final class ListCommand implements Callable<Integer> {

    @Mixin
    ReadOptions read;


    @Override
    public Integer call() {
        List<SearchSummary> rows = new ArrayList<>();
        String running;
        try (ReadOnlyJournal journal = read.open()) {
            for (String id : journal.searchIds()) {
                rows.add(journal.await(journal.stream(id, 0L).map(EventEnvelope::event)
                        .runWith(Sink.fold(new SearchSummary(id), SearchSummary::add), journal.system())));
            }
            running = journal.runningSearchId().orElse(null);
        }
        int idWidth = rows.stream().mapToInt(r -> r.id().length()).max().orElse(0);
        String idColumn = "%-" + Math.max(idWidth, 2) + "s";
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, idColumn + " %-10s %-11s %8s %6s %10s %11s  %s%n",
                "id", "status", "generation", "evals", "failed", "best err%", "best TOPS/W", "model / dataset / seed"));
        for (SearchSummary s : rows) {
            String what = s.started() == null ? "" : s.started().provenance().getModel() + " / "
                    + s.started().provenance().getDataset() + " / " + s.started().provenance().getSeed();
            out.append(String.format(Locale.ROOT, idColumn + " %-10s %5d/%-5d %8d %6d %10s %11s  %s%n", s.id(),
                    s.id().equals(running) ? "running" : s.status(), Math.max(s.generation(), 0), s.generations(),
                    s.evaluations(), s.failures(), format(s.bestError()), format(s.bestTopsPerWatt()), what));
        }
        System.out.print(out);
        return 0;
    }

    private static String format(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }
}
