package org.cim2pq.sim.data;

/**
 * A data set that is missing, truncated or not in the expected format. The message is one line naming the file
 * and what is wrong with it (and, for a missing data set, how to install it), so a CLI can print it as it is.
 */
public final class DatasetException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
