package org.cim2pq.ops.audit;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.cim2pq.ops.cli.UserError;

/**
 * A private copy of the embedded journal file, taken when a read-side command starts. The read side reads the copy because
 * H2 writes to a database file when it opens and closes it (the read side must never touch the journal) and
 * because a running search holds the file's lock. A copy taken mid-write is like a crash: H2 opens it at its
 * last complete commit, which is "what the journal holds so far".
 */
public final class JournalCopy implements AutoCloseable {

    public static final String FILE = "journal.mv.db";

    private final Path journalDir;
    private final Path copyRoot;

    private JournalCopy(Path journalDir, Path copyRoot) {
        this.journalDir = journalDir;
        this.copyRoot = copyRoot;
    }

    public static JournalCopy of(Path journalDir) {
        Path file = journalDir.resolve(FILE);
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
            Files.copy(file, root.resolve("journal").resolve(FILE));
            return new JournalCopy(journalDir, root);
        } catch (IOException e) {
            delete(root);
            throw new UserError("cannot copy the journal " + file + " for reading: " + e.getMessage());
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

    /**
     * H2 holds an exclusive lock on the file while a database is open; a shared lock attempt fails then. The probe
     * holds its lock for an instant only, and never when the file is free of writers.
     */
    public static boolean lockedByAnotherProcess(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            FileLock lock = channel.tryLock(0, Long.MAX_VALUE, true);
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true; // this JVM has it open (a search run in-process)
        } catch (IOException e) {
            return false;
        }
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
