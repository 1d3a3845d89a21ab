package org.cim2pq.ops.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.cim2pq.ops.input.UserError;
import picocli.CommandLine;

/**
 * Option defaults come from HOCON: an option {@code --data-dir} defaults to {@code cim2pq.data-dir} of the
 * configuration (each module's {@code reference.conf}, then {@code application.conf}, {@code -D} overrides and
 * environment substitutions), so one place says what the defaults are.
 */
final class ConfigDefaults implements CommandLine.IDefaultValueProvider {

    private final Config config;

    ConfigDefaults(Config config) {
        this.config = config;
    }

    static ConfigDefaults load() {
        return new ConfigDefaults(ConfigFactory.load());
    }

    /** The defaults with a user's HOCON file ({@code --config FILE}) over the reference configuration. */
    static ConfigDefaults load(java.nio.file.Path file) {
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new UserError("--config " + file + ": no such file");
        }
        try {
            return new ConfigDefaults(ConfigFactory.parseFile(file.toFile()).withFallback(ConfigFactory.load()).resolve());
        } catch (com.typesafe.config.ConfigException e) {
            throw new UserError("--config " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String defaultValue(CommandLine.Model.ArgSpec argSpec) {
        if (!(argSpec instanceof CommandLine.Model.OptionSpec option)) {
            return null;
        }
        String path = "cim2pq." + option.longestName().replaceFirst("^--", "");
        if (!config.hasPath(path)) {
            return null;
        }
        try {
            return config.getString(path);
        } catch (com.typesafe.config.ConfigException.WrongType e) {
            // e.g. -Dcim2pq.x.y=... turned cim2pq.x into an object: say which key, not a stack of config internals
            throw new UserError("configuration key " + path + " must be a single value for " + option.longestName()
                    + " (" + e.getMessage().replaceFirst("^.*?: ", "") + ")", e);
        }
    }
}
