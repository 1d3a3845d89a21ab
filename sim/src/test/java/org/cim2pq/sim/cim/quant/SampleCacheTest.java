package org.cim2pq.sim.cim.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The calibration sample sets are bounded: the least recently used set goes first and is recorded again on demand. */
class SampleCacheTest {

    @Test
    void keepsAtMostItsCapacityLeastRecentlyUsedOut() {
        SampleCache<String> cache = new SampleCache<>(2);
        AtomicInteger recorded = new AtomicInteger();
        cache.get("a", () -> "A" + recorded.incrementAndGet());
        cache.get("b", () -> "B" + recorded.incrementAndGet());
        assertEquals("A1", cache.get("a", () -> "A" + recorded.incrementAndGet())); // hit; "b" is now eldest
        cache.get("c", () -> "C" + recorded.incrementAndGet());                     // drops "b"
        assertEquals(3, recorded.get());
        assertEquals("A1", cache.get("a", () -> "A" + recorded.incrementAndGet()));
        assertEquals("B4", cache.get("b", () -> "B" + recorded.incrementAndGet())); // recorded again
        assertEquals(4, recorded.get());
    }
}
