package org.cim2pq.sim.cim.eval;

/**
 * The search objectives of one strategy, all minimised (METHOD.md section 4).
 *
 * @param top1Error fraction of the evaluation batch misclassified
 * @param energyPj energy per inference, pJ
 * @param latencyNs latency per inference, ns
 * @param areaUm2 chip area, um^2
 */
public record Objectives(double top1Error, double energyPj, double latencyNs, double areaUm2) {

    /** In the fixed order top-1 error, energy, latency, area. */
    public double[] toArray() {
        return new double[] {top1Error, energyPj, latencyNs, areaUm2};
    }
}
