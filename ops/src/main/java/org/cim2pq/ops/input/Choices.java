package org.cim2pq.ops.input;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;

/**
 * Options whose value is one of a closed set are enum-typed; this converter reads them case-insensitively and
 * refuses anything else with the allowed values, so no option is ever mapped to a default behind the user's back.
 * The values are spelled as the enum constants in lower case ({@code psum}, {@code bitserial}).
 */
public final class Choices<E extends Enum<E>> implements CommandLine.ITypeConverter<E> {

    private final Class<E> type;

    private Choices(Class<E> type) {
        this.type = type;
    }

    public static <E extends Enum<E>> Choices<E> of(Class<E> type) {
        return new Choices<>(type);
    }

    public Class<E> type() {
        return type;
    }

    /** The values as the user writes them. */
    public List<String> names() {
        return Arrays.stream(type.getEnumConstants()).map(Choices::name).toList();
    }

    /** How {@code value} is written on the command line and in the journal's configuration. */
    public static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    public E convert(String value) {
        for (E e : type.getEnumConstants()) {
            if (name(e).equalsIgnoreCase(value)) {
                return e;
            }
        }
        throw new CommandLine.TypeConversionException("expected one of " + String.join(", ", names()) + ", got '"
                + value + "'");
    }
}
