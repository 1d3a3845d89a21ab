package org.cim2pq.engine.variation;

import java.util.Arrays;

import org.cim2pq.engine.genome.IntGenome;

/**
 * Which parent each search unit's (input, weight, partial-sum) triple comes from: {@code fromSecond[u]} false =
 * first parent, true = second. Written as a string of 'A' / 'B', one per unit. Triples are never split, so a child
 * tile always carries a precision triple one of its parents evaluated.
 */
public record CrossoverMask(boolean[] fromSecond) {

    public CrossoverMask {
        fromSecond = fromSecond.clone();
    }

    /** All units from the first parent (no crossover). */
    public static CrossoverMask none(int units) {
        return new CrossoverMask(new boolean[units]);
    }

    public static CrossoverMask parse(String ab) {
        boolean[] m = new boolean[ab.length()];
        for (int i = 0; i < m.length; i++) {
            char c = ab.charAt(i);
            if (c != 'A' && c != 'B') {
                throw new IllegalArgumentException("crossover mask is a string of A and B: " + ab);
            }
            m[i] = c == 'B';
        }
        return new CrossoverMask(m);
    }

    @Override
    public boolean[] fromSecond() {
        return fromSecond.clone();
    }

    public int units() {
        return fromSecond.length;
    }

    public boolean fromSecond(int unit) {
        return fromSecond[unit];
    }

    /** The child: each unit's three genes from the parent the mask names. */
    public IntGenome apply(IntGenome first, IntGenome second) {
        if (first.length() != 3 * fromSecond.length || second.length() != first.length()) {
            throw new IllegalArgumentException("mask of " + fromSecond.length + " units does not fit genomes of "
                    + first.length() + " and " + second.length() + " genes");
        }
        int[] a = first.genes();
        int[] b = second.genes();
        for (int u = 0; u < fromSecond.length; u++) {
            if (fromSecond[u]) {
                System.arraycopy(b, 3 * u, a, 3 * u, 3);
            }
        }
        return new IntGenome(a);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CrossoverMask m && Arrays.equals(fromSecond, m.fromSecond);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(fromSecond);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(fromSecond.length);
        for (boolean b : fromSecond) {
            s.append(b ? 'B' : 'A');
        }
        return s.toString();
    }
}
