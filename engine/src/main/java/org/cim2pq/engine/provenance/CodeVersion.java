package org.cim2pq.engine.provenance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of cim2pq's code that produced a result: the Maven version plus the git commit the build was made
 * from ({@code -dirty} when the work tree had uncommitted changes). Every result's provenance carries it.
 *
 * <p>The values are stamped into a class-path resource at build time, so reading them is a constant lookup, not I/O
 * on the user's files.
 */
public record CodeVersion(String version, String commit) {

    private static final CodeVersion CURRENT = load();

    /** The version of the running code. */
    public static CodeVersion current() {
        return CURRENT;
    }

    /** {@code 0.1.0-SNAPSHOT+3f2a9c1} style: unique enough to find the commit again. */
    @Override
    public String toString() {
        return version + "+" + commit;
    }

    private static CodeVersion load() {
        Properties p = new Properties();
        try (InputStream in = CodeVersion.class.getResourceAsStream("code-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CodeVersion(clean(p.getProperty("version")), clean(p.getProperty("commit")));
    }

    /** Unfiltered placeholders (a build without the git stamp) read as "unknown", never as "${...}". */
    private static String clean(String value) {
        return value == null || value.isBlank() || value.startsWith("${") ? "unknown" : value;
    }
}
