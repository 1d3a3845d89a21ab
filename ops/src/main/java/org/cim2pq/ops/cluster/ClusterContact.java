package org.cim2pq.ops.cluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.cim2pq.actors.cluster.ClusterConfig;
import org.cim2pq.actors.cluster.ClusterFront;
import org.cim2pq.ops.input.UserError;

/**
 * A client of a running cluster: an ActorSystem with plain remoting (not a member, so it never counts in the split
 * brain resolver's majority and may be killed freely) talking to the {@link ClusterFront} of one node.
 */
public final class ClusterContact implements AutoCloseable {

    private final HostPort node;
    private final ActorSystem<Void> system;
    private final ActorRef<ClusterFront.Command> front;

    private ClusterContact(HostPort node, ActorSystem<Void> system) {
        this.node = node;
        this.system = system;
        this.front = ActorRefResolver.get(system).resolveActorRef(ClusterConfig.address(node.toString()) + ClusterFront.PATH);
    }

    /** Connects to the node at {@code cluster}; a UserError when nothing listens there. */
    public static ClusterContact connect(HostPort node) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(node.host(), node.port()), 3000);
        } catch (IOException e) {
            throw new UserError("no cluster node at " + node + " (" + e.getMessage() + "); start one with: cim2pq node"
                    + " --bind " + node + " (or ops/bin/cluster-local up 3)", e);
        }
        // Reachable from the node: loopback for a cluster on this machine, else this host's address.
        String self = node.loopback() ? "127.0.0.1" : localAddress();
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "cim2pq-client",
                ClusterConfig.client(self));
        return new ClusterContact(node, system);
    }

    private static String localAddress() {
        try {
            return java.net.InetAddress.getLocalHost().getHostAddress();
        } catch (java.net.UnknownHostException e) {
            throw new UserError("cannot tell this host's address for the cluster to answer: " + e.getMessage(), e);
        }
    }

    public HostPort node() {
        return node;
    }

    /** Asks the node's front; a TimeoutException when no answer comes in time. */
    public <T> T ask(Function<ActorRef<T>, ClusterFront.Command> message, Duration timeout)
            throws TimeoutException, InterruptedException {
        try {
            return AskPattern.ask(front, message::apply, timeout, system.scheduler()).toCompletableFuture()
                    .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TimeoutException t) {
                throw t;
            }
            if (e.getCause() instanceof java.util.concurrent.CompletionException c
                    && c.getCause() instanceof TimeoutException t) {
                throw t;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // terminating anyway
        }
    }
}
