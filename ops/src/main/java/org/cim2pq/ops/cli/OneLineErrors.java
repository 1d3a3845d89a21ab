package org.cim2pq.ops.cli;

import org.cim2pq.ops.input.UserError;
import picocli.CommandLine;

/**
 * Turns an exception thrown by a command into one line on stderr and exit code 1. A {@link UserError} carries
 * its own message; anything else is named by type and message. The stack trace, with every cause, is printed
 * only with {@code CIM2PQ_DEBUG=1}, because a user needs to know what to fix, not where the code noticed.
 */
final class OneLineErrors implements CommandLine.IExecutionExceptionHandler {

    private final boolean debug;

    /** {@code debug}: also print the exception with its whole chain of causes. */
    OneLineErrors(boolean debug) {
        this.debug = debug;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        String message = ex instanceof UserError ? ex.getMessage() : describe(ex);
        cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + message);
        if (debug) {
            ex.printStackTrace(cmd.getErr());
        }
        cmd.getErr().flush();
        return Cim2pq.EXIT_FAILURE;
    }

    private static String describe(Throwable ex) {
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getMessage() == null ? "" : ": " + root.getMessage().lines().findFirst().orElse("");
        return "internal error (" + root.getClass().getSimpleName() + text + "); rerun with CIM2PQ_DEBUG=1 for details";
    }
}
