package org.cim2pq.ops.input;

/**
 * A problem with the user's input or machine, stated as one line that says what is wrong and where. It keeps the
 * exception that revealed it (a journal's, a driver's), so {@code CIM2PQ_DEBUG=1} can print the whole chain.
 */
public final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserError(String message) {
        super(message, null, false, false);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause, false, true);
    }

    /** The first line of the innermost cause's message: what a library said went wrong, without its wrapping. */
    public static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
