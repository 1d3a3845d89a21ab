package org.cim2pq.ops.cli;

import java.util.concurrent.Callable;
import org.cim2pq.ops.audit.ReadOnlyJournal;
import org.cim2pq.ops.input.Choices;
import org.cim2pq.ops.input.UserError;
import org.cim2pq.persistence.query.EventText;
import org.cim2pq.persistence.serialization.JournalMessages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cim2pq history}: a search's events, streamed (constant memory), as a table or JSON lines. */
@Command(name = "history", mixinStandardHelpOptions = true, description = "Print a search's journal: every decision and result.")
final class HistoryCommand implements Callable<Integer> {

    @Option(names = "--id", required = true, paramLabel = "ID", description = "The search.")
    String id;

    @Option(names = "--from-generation", paramLabel = "G", description = "Skip events of earlier generations.")
    int fromGeneration = -1;

    @Option(names = "--type", paramLabel = "TYPE", description = "Only events of this type, e.g. MutationApplied.")
    String type;

    @Option(names = "--format", paramLabel = "table|jsonl", description = "Output format (default: ${DEFAULT-VALUE}).")
    Format format = Format.TABLE;

    /** How events are printed. */
    enum Format { TABLE, JSONL }

    @Mixin
    ReadOptions read;

    @Override
    public Integer call() {
        String f = Choices.name(format);
        try (ReadOnlyJournal journal = read.open()) {
            journal.started(id);
            if (type != null && JournalMessages.classes().stream().noneMatch(c -> c.getSimpleName().equalsIgnoreCase(type))) {
                java.util.Set<String> present = journal.await(journal.stream(id, 0L).map(e -> EventText.type(e.event()))
                        .runFold(new java.util.TreeSet<String>(), (set, t) -> {
                            set.add(t);
                            return set;
                        }, journal.system()));
                throw new UserError("unknown --type '" + type + "' (search '" + id + "' has " + String.join(", ", present)
                        + ")");
            }
            java.io.PrintStream out = System.out;
            journal.await(journal.stream(id, 0L)
                    .filter(e -> type == null || EventText.type(e.event()).equalsIgnoreCase(type))
                    .filter(e -> fromGeneration < 0 || EventText.generation(e.event()) >= fromGeneration)
                    .runForeach(e -> out.println(f.equals("table") ? EventText.row(e.sequenceNr(), e.event())
                            : EventText.json(e.sequenceNr(), e.event())), journal.system()));
        }
        return 0;
    }
}
