package org.cim2pq.actors.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.util.List;
import java.util.Set;

/** Pekko configuration of a cim2pq cluster node ({@code cluster.conf} beside this class) and of a client. */
public final class ClusterConfig {

    /** The ActorSystem name every node and client uses: addresses are {@code pekko://cim2pq@HOST:PORT}. */
    public static final String SYSTEM = "cim2pq";

    private ClusterConfig() {}

    /**
     * A node bound to {@code host:port}, joining {@code seeds} (HOST:PORT each) with these roles, over
     * {@code journal}. Precedence: system properties, then what the command line says (address, seeds, roles), then
     * the operator's configuration ({@code application.conf} or {@code -Dconfig.file}: e.g. Artery TLS, Cassandra
     * credentials, docs/cluster.md), then {@code cluster.conf}, the journal's and every module's defaults.
     */
    public static Config node(String host, int port, List<String> seeds, Set<String> roles, Config journal) {
        Config explicit = ConfigFactory.empty()
                .withValue("pekko.remote.artery.canonical.hostname", ConfigValueFactory.fromAnyRef(host))
                .withValue("pekko.remote.artery.canonical.port", ConfigValueFactory.fromAnyRef(port))
                .withValue("pekko.cluster.seed-nodes", ConfigValueFactory.fromIterable(
                        seeds.stream().map(ClusterConfig::address).toList()))
                .withValue("pekko.cluster.roles", ConfigValueFactory.fromIterable(List.copyOf(roles)));
        return layered(explicit, ConfigFactory.parseResources(ClusterConfig.class, "cluster.conf").withFallback(journal));
    }

    private static Config layered(Config explicit, Config defaults) {
        return ConfigFactory.systemProperties().withFallback(explicit).withFallback(ConfigFactory.defaultApplication())
                .withFallback(defaults).withFallback(ConfigFactory.load()).resolve();
    }

    /**
     * A client of a running cluster (the same precedence as a node's, so a TLS configuration applies to both) ({@code search --cluster}, {@code cluster status}): plain remoting, not a
     * member (so a client that is killed never counts in the split brain resolver's majority), on a free port.
     */
    public static Config client(String host) {
        return layered(ConfigFactory.empty().withValue("pekko.remote.artery.canonical.hostname",
                ConfigValueFactory.fromAnyRef(host)), ConfigFactory.parseString("pekko.actor.provider = remote\n"
                + "pekko.actor.allow-java-serialization = off\n"
                + "pekko.remote.artery.transport = tcp\n"
                + "pekko.remote.artery.canonical.port = 0\n"
                + "pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off\n"
                // A client only asks and is answered: no remote watch or deployment, and its terminal gets only
                // the command's own lines (connection warnings when the node goes away are expected).
                + "pekko.remote.warn-about-direct-use = off\n"
                + "pekko.remote.warn-unsafe-watch-outside-cluster = off\n"
                + "pekko.loglevel = ERROR\n"));
    }

    /** {@code pekko://cim2pq@HOST:PORT}. */
    public static String address(String hostPort) {
        return "pekko://" + SYSTEM + "@" + hostPort;
    }
}
