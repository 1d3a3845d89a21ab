package org.cim2pq.ops.setup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cim2pq.ops.input.UserError;

/**
 * The folder where cim2pq keeps what it produces: the embedded journal ({@code journal/}), one folder per search
 * (fronts, reports) and a local Cassandra's files. Checked before anything is written, so an unusable folder is
 * one clear line and not a half-written search.
 */
public record DataDir(Path path) {

    /** Names in a data dir that are not searches' folders: a search id may not be one of them. */
    public static final java.util.Set<String> RESERVED = java.util.Set.of("journal", "cassandra", "cassandra-driver.log");

    /** Creates the folder if needed and proves it writable; a {@link UserError} says why it is not usable. */
    public static DataDir open(Path requested) {
        Path path = requested.toAbsolutePath().normalize();
        try {
            Files.createDirectories(path);
        } catch (IOException | SecurityException e) {
            throw new UserError("cannot use data dir " + path + ": cannot create it (" + reason(e) + ")", e);
        }
        if (!Files.isDirectory(path)) {
            throw new UserError("cannot use data dir " + path + ": it is not a directory");
        }
        try {
            Path probe = Files.createTempFile(path, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new UserError("cannot use data dir " + path + ": not writable (" + reason(e) + ")", e);
        }
        return new DataDir(path);
    }

    /** An existing data dir, for the read side (which never creates anything). */
    public static DataDir existing(Path requested) {
        Path path = requested.toAbsolutePath().normalize();
        if (!Files.isDirectory(path)) {
            throw new UserError("no data dir " + path + " (pass the --data-dir the search used)");
        }
        return new DataDir(path);
    }

    /** The embedded (H2) journal's folder. */
    public Path journal() {
        return path.resolve("journal");
    }

    /** The folder of one search's outputs. */
    public Path search(String id) {
        return path.resolve(id);
    }

    /** An I/O failure as "AccessDenied: /path" (the JDK's message alone is often just the path). */
    public static String reason(Exception e) {
        String type = e.getClass().getSimpleName().replace("Exception", "");
        return e.getMessage() == null ? type : type + ": " + e.getMessage();
    }
}
