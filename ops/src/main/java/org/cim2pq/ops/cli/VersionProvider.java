package org.cim2pq.ops.cli;

import org.cim2pq.engine.provenance.CodeVersion;
import picocli.CommandLine;

/** {@code cim2pq --version}: the code version that every result's provenance records. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        CodeVersion v = CodeVersion.current();
        return new String[] {"cim2pq " + v.version() + " (commit " + v.commit() + ")",
                "Java " + Runtime.version() + ", " + System.getProperty("java.vm.name")};
    }
}
