package org.cim2pq.ops.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.cim2pq.actors.metrics.MeterScope;
import org.cim2pq.actors.metrics.NodeMetrics;
import org.cim2pq.ops.input.UserError;
import org.junit.jupiter.api.Test;

/** The Prometheus endpoint serves the node's meters in the text format, and a port in use is one clear error. */
class MetricsEndpointTest {

    @Test
    void servesTheNodesMetersAsPrometheusText() throws Exception {
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "metrics-test", ConfigFactory.load());
        try (MetricsEndpoint endpoint = MetricsEndpoint.start(system, new HostPort("127.0.0.1", 0))) {
            AtomicInteger depth = new AtomicInteger(7);
            MeterScope scope = NodeMetrics.get(system).scope("search", "s1");
            scope.gauge(NodeMetrics.QUEUE_DEPTH, depth::get);
            scope.counter(NodeMetrics.RETRIES).increment(2);
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://" + endpoint.address() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), r.headers().toString());
            assertTrue(r.body().contains("cim2pq_queue_depth{search=\"s1\"} 7"), r.body());
            assertTrue(r.body().contains("cim2pq_evaluation_retries_total{search=\"s1\"} 2"), r.body());
            assertTrue(r.body().contains("jvm_memory_used_bytes"), "the JVM's meters too");

            scope.close();
            String after = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://" + endpoint.address() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString())
                    .body();
            assertTrue(!after.contains("cim2pq_queue_depth"), "a closed scope's series are gone");

            UserError taken = assertThrows(UserError.class, () -> MetricsEndpoint.start(system, endpoint.address()));
            assertTrue(taken.getMessage().startsWith("--metrics " + endpoint.address() + ": cannot listen there"),
                    taken.getMessage());
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get();
        }
    }
}
