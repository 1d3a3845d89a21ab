package org.cim2pq.engine.problem;

import java.util.Arrays;

/** An immutable objective vector; every objective is minimised. Equality is by content. */
public record Objectives(double[] values) {

    public Objectives {
        values = values.clone();
        for (double v : values) {
            if (Double.isNaN(v)) {
                throw new IllegalArgumentException("objective is NaN: " + Arrays.toString(values));
            }
        }
    }

    public static Objectives of(double... values) {
        return new Objectives(values);
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    public double get(int i) {
        return values[i];
    }

    public int size() {
        return values.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Objectives other && Arrays.equals(values, other.values);
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
