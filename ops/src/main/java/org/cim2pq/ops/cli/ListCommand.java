package org.cim2pq.ops.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.Sequence;
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

    /** One search folded, with the journal offset of its last event (the most recent one is being written). */
    private record Row(SearchSummary summary, long lastOffset) {}

    @Override
    public Integer call() {
        List<Row> rows = new ArrayList<>();
        boolean held;
        try (ReadOnlyJournal journal = read.open()) {
            held = journal.searchRunning();
            for (String id : journal.searchIds()) {
                rows.add(journal.await(journal.stream(id, 0L).runWith(Sink.fold(new Row(new SearchSummary(id), -1),
                        ListCommand::add), journal.system())));
            }
        }
        // An embedded journal is held by at most one writer, which writes the search it runs: of the searches not
        // completed, the one written last is running. (A Cassandra journal has no lock to tell; like report, it
        // says stopped.)
        Row running = !held ? null : rows.stream().filter(r -> r.summary().status().equals("stopped"))
                .max(java.util.Comparator.comparingLong(Row::lastOffset)).orElse(null);
        int idWidth = rows.stream().mapToInt(r -> r.summary().id().length()).max().orElse(0);
        String idColumn = "%-" + Math.max(idWidth, 2) + "s";
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, idColumn + " %-10s %-11s %8s %6s %10s %11s  %s%n",
                "id", "status", "generation", "evals", "failed", "best err%", "best TOPS/W", "model / dataset / seed"));
        for (Row row : rows) {
            SearchSummary s = row.summary();
            String what = s.started() == null ? "" : s.started().provenance().getModel() + " / "
                    + s.started().provenance().getDataset() + " / " + s.started().provenance().getSeed();
            out.append(String.format(Locale.ROOT, idColumn + " %-10s %5d/%-5d %8d %6d %10s %11s  %s%n", s.id(),
                    row == running ? "running" : s.status(), Math.max(s.generation(), 0), s.generations(),
                    s.evaluations(), s.failures(), format(s.bestError()), format(s.bestTopsPerWatt()), what));
        }
        System.out.print(out);
        return 0;
    }

    private static Row add(Row row, EventEnvelope e) {
        long offset = e.offset() instanceof Sequence seq ? seq.value() : row.lastOffset();
        return new Row(row.summary().add(e.event()), offset);
    }

    private static String format(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }
}
