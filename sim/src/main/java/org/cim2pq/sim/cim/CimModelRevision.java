package org.cim2pq.sim.cim;

/**
 * The revision of the simulated CIM platform: the datapath (quantizers, ADC, recombination) and its cost model.
 * Bump {@link #CURRENT} with any change that alters the objectives of a strategy on an unchanged configuration, so a
 * journal never continues with results of another machine. History: 1 = cim2pq up to 927c560 (journal format 1);
 * 2 = each machine costed as itself, METHOD's slice counts, presets with read time and ADC provisioning.
 */
public final class CimModelRevision {

    public static final int CURRENT = 2;

    private CimModelRevision() {}
}
