package org.cim2pq.ops.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.cim2pq.ops.input.UserError;
import org.cim2pq.persistence.journal.JournalFile;

/**
 * A private copy of the embedded journal file, taken when a read-side command starts. The read side reads the copy because
 * H2 writes to a database file when it opens and closes it (the read side must never touch the journal) and
 * because a running search holds the file's lock. A copy taken mid-write is like a crash: H2 opens it at its
 * last complete commit, which is "what the journal holds so far".
 */
public final class JournalCopy implements AutoCloseable {

    private final Path journalDir;
    private final Path copyRoot;

    private JournalCopy(Path journalDir, Path copyRoot) {
        this.journalDir = journalDir;
        this.copyRoot = copyRoot;
    }

    public static JournalCopy of(Path journalDir) {
        Path file = journalDir.resolve(JournalFile.FILE);
        if (!Files.isRegularFile(file)) {
            throw new UserError("cannot read the journal " + file + ": not a file");
        }
        if (!Files.isReadable(file)) {
            throw new UserError("cannot read the journal " + file + ": permission denied");
        }
        Path root = null;
        try {
            root = Files.createTempDirectory("cim2pq-read-");
            Files.createDirectories(root.resolve("journal"));
            Files.copy(file, root.resolve("journal").resolve(JournalFile.FILE));
            return new JournalCopy(journalDir, root);
        } catch (IOException e) {
            delete(root);
            throw new UserError("cannot copy the journal " + file + " for reading: " + e.getMessage(), e);
        }
    }

    /** The data dir whose {@code journal/} folder holds the copy. */
    public Path dataDir() {
        return copyRoot;
    }

    public Path journalDir() {
        return journalDir;
    }

    /** Error messages about the copy name the journal the user knows. */
    public String shown(String message) {
        return message.replace(copyRoot.resolve("journal").toString(), journalDir.toString());
    }

    @Override
    public void close() {
        delete(copyRoot);
    }

    private static void delete(Path root) {
        if (root == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind is harmless
        }
    }
}
