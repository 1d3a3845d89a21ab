package org.cim2pq.actors.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The meters an actor registers under one set of tags; {@link #close} removes them from the registry, so a stopped
 * search or pipeline leaves no stale series behind. Gauges read a supplier the actor owns: they are sampled when
 * scraped, from whichever thread scrapes, so the supplier reads a value the actor publishes (a volatile field).
 */
public final class MeterScope implements AutoCloseable {

    private final MeterRegistry registry;
    private final Tags tags;
    private final List<Meter> meters = new ArrayList<>();

    MeterScope(MeterRegistry registry, Tags tags) {
        this.registry = registry;
        this.tags = tags;
    }

    public Counter counter(String name, String... moreTags) {
        return add(Counter.builder(name).tags(tags).tags(moreTags).register(registry));
    }

    /** A counter of seconds (Prometheus: {@code name_seconds_total}). */
    public Counter seconds(String name) {
        return add(Counter.builder(name).baseUnit("seconds").tags(tags).register(registry));
    }

    public Timer timer(String name) {
        return add(Timer.builder(name).tags(tags).register(registry));
    }

    public void gauge(String name, Supplier<Number> value) {
        add(Gauge.builder(name, value).tags(tags).strongReference(true).register(registry));
    }

    private <M extends Meter> M add(M meter) {
        meters.add(meter);
        return meter;
    }

    @Override
    public void close() {
        meters.forEach(registry::remove);
        meters.clear();
    }
}
