package org.cim2pq.ops.cli;

import org.cim2pq.ops.input.UserError;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code cim2pq} command line. Each subcommand is one class in this package; this class only wires them and
 * turns errors into the project's contract: one line on stderr saying what is wrong, a non-zero exit code, and no
 * stack trace unless {@code CIM2PQ_DEBUG} is set.
 */
@Command(
        name = "cim2pq",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Arraywise mixed-precision quantization search for analog computing-in-memory (CIM2PQ).",
        subcommands = {SetupCommand.class, DemoCommand.class, SearchCommand.class, ResumeCommand.class,
                TrainCommand.class, ListCommand.class, HistoryCommand.class, LineageCommand.class, VerifyCommand.class,
                ExportCommand.class, ReportCommand.class, ExperimentCommand.class, TilesCommand.class, NodeCommand.class,
                ClusterCommand.class})
public final class Cim2pq implements Runnable {

    /** Exit code for a command that ran but failed (bad data dir, missing data, failed search). */
    public static final int EXIT_FAILURE = 1;
    /** Exit code for a command line that does not parse (picocli's convention). */
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }

    public static void main(String[] args) {
        // Start logging before any library thread logs, so nothing is queued and replayed with a warning.
        org.slf4j.LoggerFactory.getILoggerFactory();
        CommandLine cl;
        try {
            cl = newCommandLine(args);
        } catch (UserError e) {
            System.err.println("cim2pq: " + e.getMessage());
            if (debug()) {
                e.printStackTrace();
            }
            System.exit(EXIT_USAGE);
            return;
        }
        System.exit(cl.execute(args));
    }

    /**
     * The configured command line for these arguments; tests run commands through it in-process. A
     * {@code --config FILE} among the arguments supplies option defaults, so it is read before parsing.
     */
    public static CommandLine newCommandLine(String... args) {
        CommandLine cl = new CommandLine(new Cim2pq());
        cl.setExecutionExceptionHandler(new OneLineErrors(debug()));
        cl.setParameterExceptionHandler(new OneLineUsageErrors());
        for (Class<?> type : choiceTypes(cl)) {
            register(cl, type.asSubclass(Enum.class));
        }
        java.nio.file.Path config = configFile(args);
        cl.setDefaultValueProvider(config == null ? ConfigDefaults.load() : ConfigDefaults.load(config, options(cl)));
        return cl;
    }

    /** The enum types of all options: each is read by a {@link org.cim2pq.ops.input.Choices} converter. */
    private static java.util.Set<Class<?>> choiceTypes(CommandLine cl) {
        java.util.Set<Class<?>> types = new java.util.LinkedHashSet<>();
        options(cl).values().forEach(list -> list.stream().map(CommandLine.Model.OptionSpec::type)
                .filter(Class::isEnum).forEach(types::add));
        return types;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void register(CommandLine cl, Class<? extends Enum> type) {
        cl.registerConverter(type, org.cim2pq.ops.input.Choices.of((Class) type));
    }

    /** Every command's options by long name without {@code --} (help and version aside): the keys a config may set. */
    static java.util.Map<String, java.util.List<CommandLine.Model.OptionSpec>> options(CommandLine cl) {
        java.util.Map<String, java.util.List<CommandLine.Model.OptionSpec>> byName = new java.util.TreeMap<>();
        java.util.ArrayDeque<CommandLine> todo = new java.util.ArrayDeque<>(java.util.List.of(cl));
        while (!todo.isEmpty()) {
            CommandLine c = todo.pop();
            todo.addAll(c.getSubcommands().values());
            for (CommandLine.Model.OptionSpec o : c.getCommandSpec().options()) {
                if (!o.usageHelp() && !o.versionHelp() && !o.longestName().equals("--config")) {
                    byName.computeIfAbsent(o.longestName().replaceFirst("^--", ""), k -> new java.util.ArrayList<>()).add(o);
                }
            }
        }
        return byName;
    }

    /** {@code CIM2PQ_DEBUG} set (to anything but empty or 0): errors come with their stack traces and causes. */
    static boolean debug() {
        String v = System.getenv("CIM2PQ_DEBUG");
        return v != null && !v.isEmpty() && !v.equals("0");
    }

    private static java.nio.file.Path configFile(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                return java.nio.file.Path.of(args[i + 1]);
            }
            if (args[i].startsWith("--config=")) {
                return java.nio.file.Path.of(args[i].substring("--config=".length()));
            }
        }
        return null;
    }
}
