package org.cim2pq.ops.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code cim2pq} command line. Each subcommand is one class in this package; this class only wires them and
 * turns errors into the project's contract: one line on stderr saying what is wrong, a non-zero exit code, and no
 * stack trace unless {@code CIM2PQ_DEBUG} is set.
 */
@Command(
        name = "cim2pq",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Arraywise mixed-precision quantization search for analog computing-in-memory (CIM2PQ).",
        subcommands = {SetupCommand.class, DemoCommand.class})
public final class Cim2pq implements Runnable {

    /** Exit code for a command that ran but failed (bad data dir, missing data, failed search). */
    public static final int EXIT_FAILURE = 1;
    /** Exit code for a command line that does not parse (picocli's convention). */
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /** The configured command line; tests run commands through it in-process. */
    public static CommandLine newCommandLine() {
        CommandLine cl = new CommandLine(new Cim2pq());
        cl.setExecutionExceptionHandler(new OneLineErrors());
        cl.setParameterExceptionHandler(new OneLineUsageErrors());
        cl.setDefaultValueProvider(ConfigDefaults.load());
        return cl;
    }
}
