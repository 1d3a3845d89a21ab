package org.cim2pq.ops.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.cim2pq.ops.input.UserError;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Option defaults come from HOCON: an option {@code --data-dir} defaults to {@code cim2pq.data-dir} of the
 * configuration (each module's {@code reference.conf}, then {@code application.conf}, {@code -D} overrides and
 * environment substitutions), so one place says what the defaults are. A user's file ({@code --config FILE}) is
 * checked key by key before anything runs: a key no option has is refused with the nearest one, a value of the
 * wrong kind names its key, line and file.
 */
final class ConfigDefaults implements CommandLine.IDefaultValueProvider {

    private static final String PREFIX = "cim2pq.";

    private final Config config;

    ConfigDefaults(Config config) {
        this.config = config;
    }

    static ConfigDefaults load() {
        return new ConfigDefaults(ConfigFactory.load());
    }

    /**
     * The defaults with a user's HOCON file over the reference configuration; {@code options} are the commands'
     * options by name (without {@code --}): the keys the file may set.
     */
    static ConfigDefaults load(Path file, Map<String, List<OptionSpec>> options) {
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new UserError("--config " + file + ": no such file");
        }
        Config user;
        try {
            user = ConfigFactory.parseFile(file.toFile());
        } catch (ConfigException e) {
            throw new UserError("--config " + file + ": " + e.getMessage(), e);
        }
        for (Map.Entry<String, ConfigValue> entry : user.entrySet()) {
            check(file, entry.getKey(), entry.getValue(), options);
        }
        try {
            return new ConfigDefaults(user.withFallback(ConfigFactory.load()).resolve());
        } catch (ConfigException e) {
            throw new UserError("--config " + file + ": " + e.getMessage(), e);
        }
    }

    private static void check(Path file, String key, ConfigValue value, Map<String, List<OptionSpec>> options) {
        String where = "--config " + file + " line " + value.origin().lineNumber() + ": ";
        String name = key.startsWith(PREFIX) ? key.substring(PREFIX.length()) : null;
        if (name == null || !options.containsKey(name)) {
            String nearest = options.keySet().stream().min(Comparator.comparingInt(k -> distance(k,
                    name == null ? key : name))).map(k -> PREFIX + k).orElse("");
            throw new UserError(where + "unknown key " + key + (name == null ? " (only cim2pq.* keys set option defaults)"
                    : "") + "; did you mean " + nearest + "?");
        }
        if (value.valueType() == ConfigValueType.LIST || value.valueType() == ConfigValueType.OBJECT
                || value.valueType() == ConfigValueType.NULL) {
            throw new UserError(where + key + " must be a single value (for --" + name + "), got a "
                    + value.valueType().name().toLowerCase(java.util.Locale.ROOT));
        }
        // One key serves every command with that option (--format of history, lineage, export): some must take it.
        String text = String.valueOf(value.unwrapped());
        List<String> problems = options.get(name).stream().map(o -> problem(o.type(), text)).toList();
        if (problems.stream().allMatch(java.util.Objects::nonNull)) {
            throw new UserError(where + key + " = " + value.render() + " " + String.join("; ", new java.util.LinkedHashSet<>(
                    problems)) + " (for --" + name + ")");
        }
    }

    /** What is wrong with {@code text} as a value of {@code type}, or null when nothing is. */
    private static String problem(Class<?> type, String text) {
        try {
            if (type == int.class || type == Integer.class) {
                Integer.parseInt(text);
            } else if (type == long.class || type == Long.class) {
                Long.parseLong(text);
            } else if (type == double.class || type == Double.class) {
                Double.parseDouble(text);
            } else if (type == boolean.class || type == Boolean.class) {
                if (!text.equals("true") && !text.equals("false")) {
                    return "is not true or false";
                }
            } else if (type.isEnum()) {
                List<String> allowed = java.util.Arrays.stream(type.getEnumConstants())
                        .map(c -> org.cim2pq.ops.input.Choices.name((Enum<?>) c)).toList();
                if (!allowed.contains(text.toLowerCase(java.util.Locale.ROOT))) {
                    return "is not one of " + String.join(", ", allowed);
                }
            }
            return null;
        } catch (NumberFormatException e) {
            return "is not " + (type == double.class || type == Double.class ? "a number" : "a whole number");
        }
    }

    /** Levenshtein distance: the nearest known key to a misspelt one. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    @Override
    public String defaultValue(CommandLine.Model.ArgSpec argSpec) {
        if (!(argSpec instanceof OptionSpec option)) {
            return null;
        }
        String path = PREFIX + option.longestName().replaceFirst("^--", "");
        if (!config.hasPath(path)) {
            return null;
        }
        try {
            return config.getString(path);
        } catch (ConfigException.WrongType e) {
            // e.g. -Dcim2pq.x.y=... turned cim2pq.x into an object: say which key, not a stack of config internals
            throw new UserError("configuration key " + path + " must be a single value for " + option.longestName()
                    + " (" + e.getMessage().replaceFirst("^.*?: ", "") + ")", e);
        }
    }
}
