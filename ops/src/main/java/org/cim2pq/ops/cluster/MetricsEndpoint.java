package org.cim2pq.ops.cluster;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import org.apache.pekko.actor.typed.ActorSystem;
import org.cim2pq.actors.metrics.NodeMetrics;
import org.cim2pq.ops.input.UserError;

/**
 * A node's Prometheus endpoint: {@code GET /metrics} in the Prometheus text format, the node's search, queue and
 * pipeline meters ({@link NodeMetrics}) and the JVM's. Served by the JDK's own HTTP server on one daemon thread.
 */
public final class MetricsEndpoint implements AutoCloseable {

    private final HttpServer server;
    private final PrometheusMeterRegistry registry;

    private MetricsEndpoint(HttpServer server, PrometheusMeterRegistry registry) {
        this.server = server;
        this.registry = registry;
    }

    /** Publishes {@code system}'s meters at {@code http://HOST:PORT/metrics}; a UserError if it cannot bind. */
    public static MetricsEndpoint start(ActorSystem<?> system, HostPort at) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(at.host(), at.port()), 8);
        } catch (IOException e) {
            registry.close();
            throw new UserError("--metrics " + at + ": cannot listen there: " + UserError.rootMessage(e), e);
        }
        server.createContext("/metrics", exchange -> {
            byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "cim2pq-metrics");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        NodeMetrics.get(system).publishTo(registry);
        return new MetricsEndpoint(server, registry);
    }

    /** Where it listens (the port the system chose when asked for port 0). */
    public HostPort address() {
        return new HostPort(server.getAddress().getHostString(), server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
        registry.close();
    }
}
