package org.cim2pq.engine.genome;

import java.util.Arrays;

/**
 * An immutable vector of small non-negative integers: for a CIM strategy, indices into per-space candidate sets,
 * three per search unit (input, weight, partial-sum precision). Equality is by content.
 *
 * <p>The compact encoding writes one base-36 digit per gene ("86a..."), so gene values must stay below 36; candidate
 * sets of quantization bit widths are far smaller than that.
 */
public record IntGenome(int[] genes) {

    /** The largest value a gene may hold so that its encoding stays one character. */
    public static final int MAX_GENE = 35;

    public IntGenome {
        genes = genes.clone();
        for (int g : genes) {
            if (g < 0 || g > MAX_GENE) {
                throw new IllegalArgumentException("gene out of range 0.." + MAX_GENE + ": " + g);
            }
        }
    }

    public static IntGenome of(int... genes) {
        return new IntGenome(genes);
    }

    /** A copy of the genes (the record stays immutable). */
    @Override
    public int[] genes() {
        return genes.clone();
    }

    public int get(int gene) {
        return genes[gene];
    }

    public int length() {
        return genes.length;
    }

    /** This genome with one gene replaced. */
    public IntGenome with(int gene, int value) {
        int[] copy = genes.clone();
        copy[gene] = value;
        return new IntGenome(copy);
    }

    /** One base-36 digit per gene, e.g. {@code "6640a2"}. */
    public String encode() {
        StringBuilder s = new StringBuilder(genes.length);
        for (int g : genes) {
            s.append(Character.forDigit(g, 36));
        }
        return s.toString();
    }

    public static IntGenome decode(String encoding) {
        int[] genes = new int[encoding.length()];
        for (int i = 0; i < genes.length; i++) {
            int v = Character.digit(encoding.charAt(i), 36);
            if (v < 0) {
                throw new IllegalArgumentException("not a genome encoding: " + encoding);
            }
            genes[i] = v;
        }
        return new IntGenome(genes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IntGenome other && Arrays.equals(genes, other.genes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(genes);
    }

    @Override
    public String toString() {
        return encode();
    }
}
