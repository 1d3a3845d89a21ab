package org.cim2pq.ops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cim2pq.ops.input.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line's promises: version, usage errors (exit 2), one-line failures (exit 1), nothing written. */
class CommandLineContractTest {

    public record Run(int exit, String out, String err) {}

    public static Run run(String... args) {
        CommandLine cl = Cim2pq.newCommandLine(args);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void versionNamesTheCodeVersion() {
        Run r = run("--version");
        assertEquals(0, r.exit());
        assertTrue(r.out().startsWith("cim2pq 0."), r.out());
        assertTrue(r.out().contains("commit "), r.out());
    }

    @Test
    void unknownCommandIsOneLineAndUsageWithExit2() {
        Run r = run("frobnicate");
        assertEquals(2, r.exit());
        assertEquals("cim2pq: unknown command 'frobnicate'", r.err().lines().findFirst().orElseThrow());
        assertTrue(r.err().contains("Usage: cim2pq"), r.err());
    }

    @Test
    void unknownOptionIsOneLineAndUsageWithExit2() {
        Run r = run("demo", "--no-such-option");
        assertEquals(2, r.exit());
        assertEquals("cim2pq: Unknown option: '--no-such-option'", r.err().lines().findFirst().orElseThrow());
        assertTrue(r.err().contains("Usage: cim2pq demo"), r.err());
    }

    @Test
    void unusableDataDirIsOneClearLineAndExit1() {
        Run r = run("demo", "--data-dir", "/proc/forbidden");
        assertEquals(1, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("cim2pq demo: cannot use data dir /proc/forbidden"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void dataDirThatIsAFileIsRefusedWithoutTouchingIt(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "keep me");
        Run r = run("demo", "--data-dir", file.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("cim2pq demo: cannot use data dir " + file), r.err());
        assertEquals("keep me", Files.readString(file));
    }

    @Test
    void configFileSetsOptionDefaultsAndAMissingOneIsRefused(@TempDir Path tmp) throws Exception {
        Path conf = Files.writeString(tmp.resolve("search.conf"), "cim2pq { population = 1 }\n");
        Run r = run("search", "--config", conf.toString(), "--data-dir", tmp.toString());
        assertEquals(1, r.exit());
        assertEquals("cim2pq search: --population must be in 2..10000, got 1", r.err().strip());
        assertThrows(UserError.class, () -> Cim2pq.newCommandLine("search", "--config", tmp.resolve("nope").toString()));
    }
}
