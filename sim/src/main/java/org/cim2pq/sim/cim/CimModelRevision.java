package org.cim2pq.sim.cim;

/**
 * The revision of the simulated CIM platform: the datapath (quantizers, ADC, recombination) and its cost model.
 * Bump {@link #CURRENT} with any change that alters the objectives of a strategy on an unchanged configuration, so a
 * journal never continues with results of another machine. History: 1 = cim2pq up to 927c560 (journal format 1);
 * 2 = each machine costed as itself, METHOD's slice counts, presets with read time and ADC provisioning; 3 = the input
 * normalisation folded into the first layer and per-column weight scales by default (the search's defaults; sim's
 * {@code QuantizationConfig.defaults()} keeps per-tile scales). Revision 3 changed only defaults that every journal
 * records ({@code fold_input_normalization}, {@code per_column_weight_scales}: false before they existed), so a
 * revision 2 configuration evaluates exactly as it did: {@link #reproduces}. 4 = per-layer scales for layerwise
 * searches ({@code QuantizationConfig.layerScales}, journaled as {@code layer_scales}; false, i.e. per-tile scales, in
 * every journal before it): arraywise configurations evaluate as in revision 3, and a revision 3 layerwise one too,
 * since it records per-tile scales.
 */
public final class CimModelRevision {

    public static final int CURRENT = 4;

    private CimModelRevision() {}

    /**
     * Whether this code evaluates a configuration journaled at {@code revision} exactly as that revision did: the
     * current one, and revisions 2 and 3, whose datapath the later ones keep for the configurations they recorded.
     */
    public static boolean reproduces(int revision) {
        return revision == CURRENT || revision == 3 || revision == 2;
    }
}
