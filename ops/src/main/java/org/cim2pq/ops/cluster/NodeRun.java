package org.cim2pq.ops.cluster;

import com.typesafe.config.Config;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.AddressFromURIString;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.JoinSeedNodes;
import org.cim2pq.actors.cluster.ClusterConfig;
import org.cim2pq.actors.cluster.ClusterNode;
import org.cim2pq.actors.cluster.EvaluationWorkers;
import org.cim2pq.actors.evaluation.EvaluationPipeline;
import org.cim2pq.actors.evaluation.EvaluationQueue;
import org.cim2pq.ops.input.UserError;
import org.cim2pq.ops.search.PlatformModels;
import org.cim2pq.ops.setup.DataDir;
import org.cim2pq.ops.setup.JournalChoice;
import org.cim2pq.persistence.journal.CassandraSchema;
import org.cim2pq.persistence.journal.JournalConfig;

/**
 * Runs one cluster node until it leaves: binds remoting to {@code --bind}, creates the Cassandra keyspaces and
 * tables when it is the first seed node (before the cluster can form, so no two nodes ever create them at once),
 * joins the seed nodes and serves its roles. SIGTERM or Ctrl-C leave the cluster in order (coordinated shutdown:
 * shards handed over, then the JVM exits).
 */
public final class NodeRun {

    private final DataDir data;
    private final JournalChoice journal;
    private final PrintStream out;

    public NodeRun(DataDir data, JournalChoice journal, PrintStream out) {
        this.data = data;
        this.journal = journal;
        this.out = out;
    }

    /** {@code metrics}: where the Prometheus endpoint listens, or null for none. */
    public int run(HostPort bind, List<HostPort> seeds, Set<String> roles, int pipelines, int snapshotEvery,
            HostPort metrics) throws Exception {
        journal.checkReachable(data);
        // No seed nodes in the configuration: the node joins them itself below, after the first seed made the tables.
        Config config = ClusterConfig.node(bind.host(), bind.port(), List.of(), roles,
                JournalConfig.cassandraCluster(journal.host(), journal.port(), JournalChoice.KEYSPACE_PREFIX));
        int n = pipelines > 0 ? pipelines : Runtime.getRuntime().availableProcessors();
        ClusterNode.Settings settings = new ClusterNode.Settings(roles, new WorkerModels(new PlatformModels()),
                new EvaluationWorkers.Settings(n, EvaluationPipeline.Settings.fromConfig(config), Duration.ofSeconds(5)),
                EvaluationQueue.Settings.fromConfig(config), snapshotEvery);
        ActorSystem<Void> system;
        try {
            system = ActorSystem.create(ClusterNode.create(settings), ClusterConfig.SYSTEM, config);
        } catch (RuntimeException e) {
            throw new UserError("cannot start a node on " + bind + ": " + UserError.rootMessage(e), e);
        }
        MetricsEndpoint endpoint = null;
        if (metrics != null) {
            try {
                endpoint = MetricsEndpoint.start(system, metrics);
            } catch (UserError e) {
                system.terminate();
                throw e;
            }
        }
        Cluster cluster = Cluster.get(system);
        if (seeds.get(0).equals(bind)) {
            try {
                CassandraSchema.create(system, Duration.ofSeconds(60));
            } catch (Exception e) {
                system.terminate();
                throw new UserError("cannot create the journal's keyspaces and tables in Cassandra at " + journal.host()
                        + ":" + journal.port() + ": " + UserError.rootMessage(e), e);
            }
        }
        List<Address> seedAddresses = seeds.stream()
                .map(s -> AddressFromURIString.parse(ClusterConfig.address(s.toString()))).toList();
        cluster.manager().tell(new JoinSeedNodes(seedAddresses));
        out.println("node " + ClusterConfig.address(bind.toString()) + ": roles " + String.join(",", new TreeSet<>(roles))
                + ", " + (roles.contains(ClusterNode.WORKER_ROLE) ? n + " pipelines per search, " : "")
                + "joining " + seeds.stream().map(HostPort::toString).reduce((a, b) -> a + "," + b).orElse("")
                + (endpoint == null ? "" : ", metrics at http://" + endpoint.address() + "/metrics"));
        boolean up = false;
        while (!system.getWhenTerminated().toCompletableFuture().isDone()) {
            if (!up && cluster.selfMember().status() == MemberStatus.up()) {
                up = true;
                out.println("node " + ClusterConfig.address(bind.toString()) + ": up");
            }
            Thread.sleep(200);
        }
        if (endpoint != null) {
            endpoint.close();
        }
        out.println("node " + ClusterConfig.address(bind.toString()) + ": stopped");
        return up ? 0 : 1;
    }
}
