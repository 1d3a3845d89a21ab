package org.cim2pq.ops.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The command line in its own JVM, as a user runs it: its own environment ({@code CIM2PQ_DEBUG}), the product's
 * logging configuration (not the tests'), and a process that can be killed. For faults an in-process run cannot
 * show: a SIGKILL, a second process holding the journal, what reaches the terminal.
 */
final class ForkedCli {

    record Result(int exit, String out, String err) {}

    private ForkedCli() {}

    /** Starts the command; its stdout and stderr go to files in {@code logs}. */
    static Process start(Path logs, Map<String, String> env, String... args) throws IOException {
        return start(logs, env, List.of(), args);
    }

    /** As {@link #start(Path, Map, String...)}, with extra JVM options (e.g. {@code -Dpekko...} overrides). */
    static Process start(Path logs, Map<String, String> env, List<String> jvmOptions, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-Djava.awt.headless=true", "-XX:+UseSerialGC", "-Xshare:auto",
                "-Dlogback.configurationFile=logback.xml"));
        command.addAll(jvmOptions);
        for (String p : List.of("DJL_CACHE_DIR", "ENGINE_CACHE_DIR")) {
            if (System.getProperty(p) != null) {
                command.add("-D" + p + "=" + System.getProperty(p));
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Cim2pq.class.getName()));
        command.addAll(List.of(args));
        Files.createDirectories(logs);
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(logs.resolve("out").toFile())
                .redirectError(logs.resolve("err").toFile());
        pb.environment().remove("CIM2PQ_DEBUG");
        pb.environment().putAll(env);
        return pb.start();
    }

    /** Runs the command to its end (at most {@code timeoutSeconds}). */
    static Result run(Path logs, Map<String, String> env, long timeoutSeconds, String... args) throws Exception {
        return run(logs, env, List.of(), timeoutSeconds, args);
    }

    static Result run(Path logs, Map<String, String> env, List<String> jvmOptions, long timeoutSeconds, String... args)
            throws Exception {
        Process p = start(logs, env, jvmOptions, args);
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("cim2pq " + String.join(" ", args) + " did not end within " + timeoutSeconds + " s");
        }
        return result(logs, p.exitValue());
    }

    static Result result(Path logs, int exit) throws IOException {
        return new Result(exit, Files.readString(logs.resolve("out"), StandardCharsets.UTF_8),
                Files.readString(logs.resolve("err"), StandardCharsets.UTF_8));
    }
}
