package org.cim2pq.ops.cli;

import picocli.CommandLine;

/** An unknown command or option: one line saying what is wrong, the usage, exit code 2. */
final class OneLineUsageErrors implements CommandLine.IParameterExceptionHandler {

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        cmd.getErr().println("cim2pq: " + describe(ex));
        cmd.usage(cmd.getErr());
        cmd.getErr().flush();
        return Cim2pq.EXIT_USAGE;
    }

    private static String describe(CommandLine.ParameterException ex) {
        if (ex instanceof CommandLine.UnmatchedArgumentException unmatched
                && !unmatched.getUnmatched().isEmpty()
                && !unmatched.getUnmatched().get(0).startsWith("-")
                && !ex.getCommandLine().getSubcommands().isEmpty()) {
            return "unknown command '" + unmatched.getUnmatched().get(0) + "'";
        }
        return ex.getMessage().lines().findFirst().orElse("bad command line");
    }
}
