package org.cim2pq.sim.models;

/**
 * A weight file or provenance that cannot be used: missing, truncated, for another architecture, or not the file
 * its provenance describes. The message is one line naming the file and the problem.
 */
public final class ModelLoadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ModelLoadException(String message) {
        super(message);
    }

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
