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

    @Test
    void aMisspeltConfigKeyIsRefusedWithTheNearestKnownOne(@TempDir Path tmp) throws Exception {
        Path conf = Files.writeString(tmp.resolve("search.conf"), "cim2pq {\n  populaton = 8\n}\n");
        UserError e = assertThrows(UserError.class, () -> Cim2pq.newCommandLine("search", "--config", conf.toString()));
        assertEquals("--config " + conf + " line 2: unknown key cim2pq.populaton; did you mean cim2pq.population?",
                e.getMessage());
        Path other = Files.writeString(tmp.resolve("other.conf"), "pekko.loglevel = DEBUG\n");
        assertTrue(assertThrows(UserError.class, () -> Cim2pq.newCommandLine("search", "--config", other.toString()))
                .getMessage().contains("unknown key pekko.loglevel (only cim2pq.* keys set option defaults)"));
    }

    @Test
    void aConfigValueOfTheWrongKindNamesTheKeyAndTheFile(@TempDir Path tmp) throws Exception {
        Path word = Files.writeString(tmp.resolve("word.conf"), "cim2pq.population = many\n");
        assertEquals("--config " + word + " line 1: cim2pq.population = \"many\" is not a whole number (for --population)",
                assertThrows(UserError.class, () -> Cim2pq.newCommandLine("search", "--config", word.toString())).getMessage());
        Path list = Files.writeString(tmp.resolve("list.conf"), "cim2pq.population = [4, 8]\n");
        assertEquals("--config " + list + " line 1: cim2pq.population must be a single value (for --population), got a list",
                assertThrows(UserError.class, () -> Cim2pq.newCommandLine("search", "--config", list.toString())).getMessage());
        // Through main's path: one line, exit 2, no class names, no command line.
        ForkedCli.Result r = ForkedCli.run(tmp.resolve("logs"), java.util.Map.of(), 120, "search", "--config", list.toString());
        assertEquals(2, r.exit());
        assertEquals("cim2pq: --config " + list + " line 1: cim2pq.population must be a single value (for --population),"
                + " got a list", r.err().strip());
    }

    @Test
    void everyKeyOfTheReferenceConfigurationIsAnOptionOfSomeCommand() {
        java.util.Set<String> options = Cim2pq.options(new CommandLine(new Cim2pq())).keySet();
        com.typesafe.config.Config reference = com.typesafe.config.ConfigFactory.parseResources("reference.conf")
                .getConfig("cim2pq");
        for (String key : reference.root().keySet()) {
            if (!java.util.Set.of("simulator-dispatcher", "search", "evaluation").contains(key)) { // actors' settings
                assertTrue(options.contains(key), "cim2pq." + key + " is documented but no command has --" + key);
            }
        }
    }

    @Test
    void anUnknownChoiceIsRefusedWithTheAllowedValuesNeverMappedToADefault(@TempDir Path tmp) throws Exception {
        Run r = run("search", "--fidelity", "analog", "--data-dir", tmp.toString());
        assertEquals(2, r.exit());
        assertEquals("cim2pq: Invalid value for option '--fidelity': expected one of psum, bitserial, got 'analog'",
                r.err().lines().findFirst().orElseThrow());
        Run journal = run("list", "--journal", "h2", "--data-dir", tmp.toString());
        assertEquals(2, journal.exit());
        assertTrue(journal.err().startsWith("cim2pq: Invalid value for option '--journal': expected one of embedded,"
                + " cassandra, got 'h2'"), journal.err());
        Run format = run("history", "--id", "x", "--format", "xml", "--data-dir", tmp.toString());
        assertEquals(2, format.exit());
        assertTrue(format.err().startsWith("cim2pq: Invalid value for option '--format': expected one of table, jsonl,"
                + " got 'xml'"), format.err());
        Run grouping = run("tiles", "--model", "lenet5", "--grouping", "block");
        assertEquals(2, grouping.exit());
        assertTrue(grouping.err().startsWith("cim2pq: Invalid value for option '--grouping': expected one of layer,"
                + " residual-block, auto, got 'block'"), grouping.err());
        Path conf = Files.writeString(tmp.resolve("c.conf"), "cim2pq.granularity = tile\n");
        assertEquals("--config " + conf + " line 1: cim2pq.granularity = \"tile\" is not one of array, layer (for"
                + " --granularity)", assertThrows(UserError.class,
                        () -> Cim2pq.newCommandLine("search", "--config", conf.toString())).getMessage());
        assertFalse(Files.exists(tmp.resolve("journal")));
    }
}
