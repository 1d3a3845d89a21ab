package org.cim2pq.sim.cim.quant;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Recorded calibration samples per (tile, bIn, bW), least recently used first out: the samples are only needed to
 * calibrate an ADC width not seen yet for that key (the calibrated ADCs themselves stay cached), so a bounded number
 * of sets keeps memory flat however many precisions a search visits. A dropped set is recorded again on demand, from
 * the same calibration images, so it is the same set.
 */
final class SampleCache<V> {

    /** Sets kept (at the default sample count, a few MiB in all). */
    static final int DEFAULT_SETS = 64;

    private final Map<String, V> sets;

    SampleCache(int capacity) {
        this.sets = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized V get(String key, Supplier<V> record) {
        V v = sets.get(key);
        if (v == null) {
            v = record.get();
            sets.put(key, v);
        }
        return v;
    }
}
