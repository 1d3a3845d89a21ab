package org.cim2pq.engine.genome;

import java.util.Arrays;

/** An immutable real-valued decision vector (benchmark problems such as DTLZ). Equality is by content. */
public record RealGenome(double[] values) {

    public RealGenome {
        values = values.clone();
    }

    public static RealGenome of(double... values) {
        return new RealGenome(values);
    }

    /** A copy of the values (the record stays immutable). */
    @Override
    public double[] values() {
        return values.clone();
    }

    public double get(int i) {
        return values[i];
    }

    public int length() {
        return values.length;
    }

    /** Read-only access for hot loops that must not copy; callers must not modify the array. */
    double[] unsafeValues() {
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RealGenome other && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return Arrays.toString(values);
    }
}
