package org.cim2pq.ops.cli;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.cim2pq.actors.cluster.ClusterNode;
import org.cim2pq.ops.cluster.HostPort;
import org.cim2pq.ops.cluster.NodeRun;
import org.cim2pq.ops.input.JournalKind;
import org.cim2pq.ops.input.UserError;
import org.cim2pq.ops.setup.DataDir;
import org.cim2pq.ops.setup.JournalChoice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cim2pq node}: one node of a cim2pq cluster (Pekko Cluster, searches sharded, journal on Cassandra). */
@Command(name = "node", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run a cluster node until it is stopped (SIGTERM or Ctrl-C: it leaves the cluster in order).")
final class NodeCommand implements Callable<Integer> {

    @Option(names = "--roles", paramLabel = "R,...", description = "search (hosts searches), worker (evaluates) (default: ${DEFAULT-VALUE}).")
    String roles;

    @Option(names = "--bind", paramLabel = "HOST:PORT", description = "Where this node listens (remoting, Artery TCP) (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--seed-nodes", paramLabel = "HOST:PORT,...", description = "The cluster's seed nodes; the first one creates the journal's tables and forms the cluster (default: --bind).")
    String seedNodes;

    @Option(names = "--journal", paramLabel = "cassandra", description = "A node journals to Cassandra (the embedded journal belongs to one process).")
    JournalKind journal;

    @Option(names = "--cassandra", paramLabel = "HOST:PORT", description = "Cassandra contact point (default: ${DEFAULT-VALUE}).")
    String cassandra;

    @Option(names = "--pipelines", paramLabel = "P", description = "Evaluation pipelines per running search on a worker; 0 = one per core (default: ${DEFAULT-VALUE}).")
    int pipelines;

    @Option(names = "--snapshot-every", paramLabel = "K", description = "Journal a snapshot every K events (default: ${DEFAULT-VALUE}).")
    int snapshotEvery;

    @Option(names = "--metrics", paramLabel = "HOST:PORT|auto|off", description = "Where the node's Prometheus endpoint (/metrics) listens; auto = 127.0.0.1 at the --bind port + 1000 (default: ${DEFAULT-VALUE}).")
    String metrics;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the Cassandra driver's log goes (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        boolean journalGiven = spec.commandLine().getParseResult().hasMatchedOption("--journal");
        if (journalGiven && journal != JournalKind.CASSANDRA) {
            throw new UserError("a cluster node journals to Cassandra (--journal cassandra): the embedded journal is"
                    + " one process's file");
        }
        if (pipelines < 0) {
            throw new UserError("--pipelines must be >= 0, got " + pipelines);
        }
        if (snapshotEvery < 1) {
            throw new UserError("--snapshot-every must be >= 1, got " + snapshotEvery);
        }
        Set<String> chosen = new LinkedHashSet<>();
        for (String r : roles.split(",")) {
            String role = r.trim().toLowerCase(Locale.ROOT);
            if (!ClusterNode.ROLES.contains(role)) {
                throw new UserError("--roles: unknown role '" + r.trim() + "' (roles: search, worker)");
            }
            chosen.add(role);
        }
        HostPort self = HostPort.parse("--bind", bind);
        List<HostPort> seeds = seedNodes == null ? List.of(self) : HostPort.parseList("--seed-nodes", seedNodes);
        HostPort metricsAt = switch (metrics.trim().toLowerCase(Locale.ROOT)) {
            case "off" -> null;
            case "auto" -> {
                if (self.port() + 1000 > 65535) {
                    throw new UserError("--metrics auto: --bind port " + self.port() + " + 1000 is not a port; give"
                            + " --metrics HOST:PORT");
                }
                yield new HostPort("127.0.0.1", self.port() + 1000);
            }
            default -> HostPort.parse("--metrics", metrics.trim());
        };
        JournalChoice choice = JournalChoice.of(JournalKind.CASSANDRA, cassandra);
        return new NodeRun(DataDir.open(dataDir), choice, System.out)
                .run(self, seeds, chosen, pipelines, snapshotEvery, metricsAt);
    }
}
