package org.cim2pq.persistence.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded journal's file: created complete from the plugin's DDL, checked without being written. */
class JournalFileTest {

    @TempDir
    Path dir;

    @Test
    void createMakesEveryTableOfThePluginsDdlAndLeavesNoPrivateFile() throws Exception {
        JournalFile file = new JournalFile(dir);
        assertEquals(Set.of("event_journal", "event_tag", "snapshot", "durable_state"), JournalFile.tables());
        assertTrue(file.create());
        assertFalse(file.create(), "an existing journal is kept");
        try (var files = Files.list(dir)) {
            assertEquals(List.of(JournalFile.FILE), files.map(p -> p.getFileName().toString()).toList());
        }
        Set<String> tables = new TreeSet<>();
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("journal"), "sa", "");
             ResultSet rs = c.getMetaData().getTables(null, "PUBLIC", null, new String[] {"TABLE"})) {
            while (rs.next()) {
                tables.add(rs.getString("TABLE_NAME"));
            }
        }
        assertEquals(new TreeSet<>(JournalFile.tables()), tables);
        file.checkSound();
        assertTrue(file.lockHolder().isEmpty(), "closed after creation");
    }

    @Test
    void anEmptyFileIsEmptyAndAGarbageFileIsDamaged() throws Exception {
        JournalFile file = new JournalFile(dir);
        Files.createFile(file.file());
        assertEquals(JournalFileException.Kind.EMPTY, assertThrows(JournalFileException.class, file::checkSound).kind());
        Files.write(file.file(), new byte[8192]);
        JournalFileException damaged = assertThrows(JournalFileException.class, file::checkSound);
        assertEquals(JournalFileException.Kind.DAMAGED, damaged.kind());
        assertTrue(damaged.getCause() != null, "the cause is kept for CIM2PQ_DEBUG");
        assertEquals(8192, Files.size(file.file()));
    }

    @Test
    void aFileHeldOpenByThisJvmHasAHolder() throws Exception {
        JournalFile file = new JournalFile(dir);
        file.create();
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("journal"), "sa", "")) {
            assertEquals(ProcessHandle.current().pid(), file.lockHolder().orElseThrow());
        }
        assertTrue(file.lockHolder().isEmpty());
    }
}
