package org.cim2pq.ops.cli;

import java.util.concurrent.Callable;
import org.cim2pq.ops.audit.ReadOnlyJournal;
import org.cim2pq.ops.input.Choices;
import org.cim2pq.ops.input.UserError;
import org.cim2pq.persistence.query.Lineage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cim2pq lineage}: how a strategy came to be, back to the initial population. */
@Command(name = "lineage", mixinStandardHelpOptions = true,
        description = "A strategy's ancestry: parents, crossover masks, mutated sites, and the selections that kept them.")
final class LineageCommand implements Callable<Integer> {

    @Option(names = "--id", required = true, paramLabel = "ID", description = "The search.")
    String id;

    @Option(names = "--strategy", required = true, paramLabel = "SID", description = "The strategy, e.g. g3-7.")
    String strategy;

    @Option(names = "--format", paramLabel = "text|dot", description = "Output format (default: ${DEFAULT-VALUE}).")
    Format format = Format.TEXT;

    /** How a lineage is printed. */
    enum Format { TEXT, DOT }

    @Mixin
    ReadOptions read;

    @Override
    public Integer call() {
        String f = Choices.name(format);
        try (ReadOnlyJournal journal = read.open()) {
            Lineage lineage;
            try {
                lineage = Lineage.of(journal.events(id), strategy);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage().replace("this search", "search '" + id + "'"), e);
            }
            System.out.print(f.equals("dot") ? lineage.dot() : lineage.text());
        }
        return 0;
    }
}
