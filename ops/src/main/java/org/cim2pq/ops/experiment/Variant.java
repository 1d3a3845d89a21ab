package org.cim2pq.ops.experiment;

/**
 * The four arms of the 2x2 design (METHOD.md section 5): granularity (precision per array or per layer) by survival
 * selection (qNSGA-III or NSGA-III). CIM2PQ is arraywise + qNSGA-III; the baseline, the layerwise MPQ method, is
 * layerwise + NSGA-III.
 */
public enum Variant {
    CIM2PQ("array", "qnsga3", "arraywise + qNSGA-III (CIM2PQ)"),
    ARRAY_NSGA3("array", "nsga3", "arraywise + NSGA-III"),
    LAYER_QNSGA3("layer", "qnsga3", "layerwise + qNSGA-III"),
    BASELINE("layer", "nsga3", "layerwise + NSGA-III (baseline)");

    private final String granularity;
    private final String selection;
    private final String label;

    Variant(String granularity, String selection, String label) {
        this.granularity = granularity;
        this.selection = selection;
        this.label = label;
    }

    /** {@code array} or {@code layer}, as {@code search --granularity} takes it. */
    public String granularity() {
        return granularity;
    }

    /** {@code qnsga3} or {@code nsga3}, as {@code search --selection} takes it. */
    public String selection() {
        return selection;
    }

    /** The variant's part of a search id and its name in the results: {@code array-qnsga3}. */
    public String key() {
        return granularity + "-" + selection;
    }

    public String label() {
        return label;
    }
}
