package org.cim2pq.ops.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code cim2pq experiment}: the paper's comparisons, each a set of ordinary journaled searches. */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = "Experiments made of journaled searches (docs/experiment.md).",
        subcommands = {ExperimentCompareCommand.class})
final class ExperimentCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command (compare)");
    }
}
