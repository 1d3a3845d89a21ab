package org.cim2pq.ops.cli;

/** A problem with the user's input or machine, stated as one line that says what is wrong and where. */
public final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserError(String message) {
        super(message, null, false, false);
    }
}
