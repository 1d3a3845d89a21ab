package org.cim2pq.persistence.journal;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cim2pq.persistence.serialization.JournalMessages;

/**
 * The embedded journal's H2 file ({@code <dir>/journal.mv.db}) as a thing that can be missing, empty, half-created,
 * damaged, held by another process or sound, checked before anyone writes to it. A check never changes a byte: it
 * opens the file read-only ({@code ACCESS_MODE_DATA=r}), so a damaged journal is refused as it is instead of
 * being "recovered" by H2 first, and H2 only ever sees a private copy of it. A new journal is created complete or not at all: its tables are made, from the
 * jdbc plugin's own H2 DDL, in a file of its own that is then linked into place.
 */
public final class JournalFile {

    /** The file H2 keeps the database in, for the URL {@code jdbc:h2:file:<dir>/journal}. */
    public static final String FILE = "journal.mv.db";

    /** The plugin's DDL for H2, shipped in its jar (the same the plugin's testkit runs). */
    static final String DDL = "schema/h2/h2-create-schema.sql";

    private static final Pattern TABLE = Pattern.compile("CREATE TABLE IF NOT EXISTS PUBLIC\\.\"(\\w+)\"");

    private final Path dir;

    public JournalFile(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    public Path dir() {
        return dir;
    }

    public Path file() {
        return dir.resolve(FILE);
    }

    public boolean exists() {
        return Files.exists(file());
    }

    /** The file's identity (device and inode): a journal deleted or replaced while a search runs has another, or none. */
    public Object identity() {
        try {
            return Files.readAttributes(file(), BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Waits (up to {@code patience}) until this JVM no longer holds the file. H2 closes a database a moment after the
     * actor system that used it has terminated, writing its last chunk as it does; a search or reader that opened
     * or copied the file before that, in this JVM, would find it damaged or short. True when released.
     */
    public boolean awaitReleasedByThisProcess(java.time.Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (exists()) {
            OptionalLong holder = lockHolder();
            if (holder.isEmpty() || holder.getAsLong() != ProcessHandle.current().pid()) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    /**
     * The process holding the file's lock (H2 locks it while a database is open), if any: its pid when the
     * system tells (Linux {@code /proc/locks}), else -1. Empty when nobody holds it.
     */
    public OptionalLong lockHolder() {
        try (FileChannel channel = FileChannel.open(file(), StandardOpenOption.READ)) {
            FileLock lock = channel.tryLock(0, Long.MAX_VALUE, true);
            if (lock != null) {
                lock.release();
                return OptionalLong.empty();
            }
        } catch (OverlappingFileLockException e) {
            return OptionalLong.of(ProcessHandle.current().pid()); // this JVM has it open
        } catch (IOException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(LockTable.holder(file()));
    }

    /** "process 123 (cim2pq search --id a ...)" for a holder from {@link #lockHolder()}; "another process" for -1. */
    public static String holderName(long pid) {
        if (pid < 0) {
            return "another process";
        }
        String command = LockTable.describe(pid);
        return "process " + pid + (command.isEmpty() ? "" : " (" + command + ")");
    }

    /**
     * Checks an existing journal without writing to it (H2 reads a copy): not empty, every table of the plugin's schema present, and
     * every event and snapshot readable. Throws a {@link JournalFileException} that says what is wrong and what
     * to do. The caller makes sure nobody holds the file (a running search may be mid-write).
     */
    public void checkSound() {
        Path file = file();
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new JournalFileException(JournalFileException.Kind.MISSING, "there is no journal " + file, e);
        } catch (IOException e) {
            throw new JournalFileException(JournalFileException.Kind.DAMAGED, "cannot read the journal " + file + ": "
                    + e.getMessage(), e);
        }
        if (size == 0) {
            throw new JournalFileException(JournalFileException.Kind.EMPTY, "the journal " + file + " is empty (0 bytes):"
                    + " a search was killed while creating it, before anything was journaled; remove it (rm " + file
                    + ") and start the search again");
        }
        // H2 is given a private copy: a failed open can leave H2 holding the file it opened.
        Path copy;
        try {
            copy = Files.createTempDirectory("cim2pq-check-");
            Files.copy(file, copy.resolve(FILE));
        } catch (IOException e) {
            throw new JournalFileException(JournalFileException.Kind.DAMAGED, "cannot read the journal " + file + ": "
                    + e, e);
        }
        String url = "jdbc:h2:file:" + copy.resolve("journal") + ";ACCESS_MODE_DATA=r;IFEXISTS=TRUE";
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            Set<String> missing = new LinkedHashSet<>(tables());
            try (ResultSet rs = c.getMetaData().getTables(null, "PUBLIC", null, new String[] {"TABLE"})) {
                while (rs.next()) {
                    missing.remove(rs.getString("TABLE_NAME"));
                }
            }
            if (!missing.isEmpty()) {
                long events = missing.contains("event_journal") ? 0 : count(c, "event_journal");
                throw new JournalFileException(JournalFileException.Kind.HALF_CREATED, "the journal " + file
                        + " is half-created (no table " + String.join(", ", missing) + "; " + events + " events):"
                        + (events == 0 ? " a search was killed while creating it, before anything was journaled;"
                        + " remove it (rm " + file + ") and start the search again"
                        : " it was not changed; keep a copy of it and start new searches in another --data-dir"));
            }
            readAll(c, "select \"persistence_id\", \"sequence_number\", \"event_ser_manifest\", \"event_payload\""
                    + " from \"event_journal\"", "event");
            readAll(c, "select \"persistence_id\", \"sequence_number\", \"snapshot_ser_manifest\", \"snapshot_payload\""
                    + " from \"snapshot\"", "snapshot");
        } catch (SQLException | RuntimeException e) {
            if (e instanceof JournalFileException j) {
                throw j;
            }
            throw damaged(needsRepair(e) ? "H2 cannot open it without repairing it"
                    : firstLine(e).replace(copy.toString(), dir.toString()), e);
        } finally {
            try (var files = Files.list(copy)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
                Files.deleteIfExists(copy);
            } catch (IOException e) {
                // a temporary copy left behind is harmless
            }
        }
    }

    /**
     * Creates the journal with the plugin's tables, complete or not at all: the schema is built in a private file
     * that is then hard-linked to {@link #FILE} (which fails if someone created the journal meanwhile: theirs is
     * kept). Returns false when the journal existed already.
     */
    public boolean create() {
        String name = "journal-creating-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        Path temp = dir.resolve(name + ".mv.db");
        try {
            Files.createDirectories(dir);
            try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve(name), "sa", "");
                 Statement s = c.createStatement()) {
                for (String statement : statements()) {
                    s.execute(statement);
                }
            }
            try {
                Files.createLink(file(), temp);
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            }
        } catch (IOException | SQLException e) {
            throw new JournalFileException(JournalFileException.Kind.UNWRITABLE, "cannot create the journal " + file()
                    + ": " + firstLine(e), e);
        } finally {
            try {
                Files.deleteIfExists(temp);
                Files.deleteIfExists(dir.resolve(name + ".trace.db"));
            } catch (IOException e) {
                // a leftover private file is harmless: nothing opens it
            }
        }
    }

    /** The statements of the plugin's H2 DDL. */
    static List<String> statements() {
        List<String> out = new ArrayList<>();
        for (String s : ddl().split(";")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }

    /** The tables the plugin's DDL creates: a journal lacking one is half-created. */
    static Set<String> tables() {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = TABLE.matcher(ddl());
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static String ddl() {
        try (InputStream in = JournalFile.class.getClassLoader().getResourceAsStream(DDL)) {
            if (in == null) {
                throw new IllegalStateException("pekko-persistence-jdbc ships no " + DDL);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DDL, e);
        }
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from \"" + table + "\"")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Reads every row's payload and decodes the protobuf ones: H2 checks each page it reads and protobuf each
     * message, so damage anywhere in the data shows here. A manifest this version does not know is left to the
     * journal's readers (they name it as another version's journal, which it is).
     */
    private void readAll(Connection c, String query, String what) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                String id = rs.getString(1);
                long seq = rs.getLong(2);
                var parser = JournalMessages.parser(rs.getString(3));
                byte[] payload = rs.getBytes(4);
                if (parser.isPresent()) {
                    try {
                        parser.get().parseFrom(payload);
                    } catch (InvalidProtocolBufferException e) {
                        throw damaged(what + " " + seq + " of " + id + " does not decode: " + firstLine(e), e);
                    }
                }
            }
        }
    }

    private JournalFileException damaged(String why, Throwable cause) {
        return new JournalFileException(JournalFileException.Kind.DAMAGED, "the journal " + file() + " is damaged ("
                + why + "); it was not changed. Keep a copy of it (cp " + file() + " " + file() + ".damaged), read"
                + " what H2 can still recover with org.h2.tools.Recover, and start new searches in another --data-dir",
                cause);
    }

    /** H2's "database is read only" (90097) on a read-only open: it wanted to write, i.e. to recover the file. */
    private static boolean needsRepair(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == 90097) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
