package org.cim2pq.engine.space;

/** The three precisions of a tile, in their gene order within a unit's triple. */
public enum PrecisionKind {
    INPUT,
    WEIGHT,
    PARTIAL_SUM;

    /** Offset of this kind's gene inside its unit's triple. */
    public int offset() {
        return ordinal();
    }

    /** The kind of genome gene {@code gene} (genes are laid out unit by unit, 3 per unit). */
    public static PrecisionKind ofGene(int gene) {
        return values()[gene % 3];
    }
}
