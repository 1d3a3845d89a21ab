package org.cim2pq.persistence.journal;

/** Why the embedded journal's file cannot be used, in a message meant for the user (what is wrong, what to do). */
public final class JournalFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What is wrong with the file. */
    public enum Kind { MISSING, EMPTY, HALF_CREATED, DAMAGED, UNWRITABLE }

    private final Kind kind;

    JournalFileException(Kind kind, String message) {
        this(kind, message, null);
    }

    JournalFileException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
