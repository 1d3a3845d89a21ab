package org.cim2pq.ops.input;

import java.util.Locale;
import org.cim2pq.sim.cim.noise.NoiseProfile;
import picocli.CommandLine;

/**
 * Reads {@code --noise}: one of the shipped noise profiles (sim's data files, so not an enum), case-insensitively,
 * refusing anything else with the allowed values as {@link Choices} does for closed sets.
 */
public final class NoiseProfileChoice implements CommandLine.ITypeConverter<String> {

    @Override
    public String convert(String value) {
        String name = value.trim().toLowerCase(Locale.ROOT);
        if (!NoiseProfile.NAMES.contains(name)) {
            throw new CommandLine.TypeConversionException("expected one of " + String.join(", ", NoiseProfile.NAMES)
                    + ", got '" + value + "'");
        }
        return name;
    }
}
