package org.cim2pq.ops.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The experiment's figures on hand-made runs, and the paired t interval against values computed by hand. */
class ExperimentMetricsTest {

    @Test
    void pairedDifferenceHasTheStudentTInterval() {
        // differences 1, 2, 3: mean 2, sd 1, t(0.975; 2) = 4.303, half width 4.303 / sqrt(3) = 2.4843
        SeedStatistics.Difference d = SeedStatistics.Difference.of(new double[] {11, 12, 13}, new double[] {10, 10, 10});
        assertEquals(3, d.n());
        assertEquals(2.0, d.mean(), 1e-12);
        assertEquals(2 - 4.303 / Math.sqrt(3), d.low95(), 1e-9);
        assertEquals(2 + 4.303 / Math.sqrt(3), d.high95(), 1e-9);
        assertEquals("within noise", d.verdict());
        assertEquals("higher", SeedStatistics.Difference.of(new double[] {12, 12.1, 11.9}, new double[] {10, 10, 10}).verdict());
        assertEquals("lower", SeedStatistics.Difference.of(new double[] {8, 8.1, 7.9}, new double[] {10, 10, 10}).verdict());
        // a seed without the figure is left out of the pairs
        SeedStatistics.Difference partial = SeedStatistics.Difference.of(new double[] {1, Double.NaN, 3},
                new double[] {0, 0, 0});
        assertEquals(2, partial.n());
        assertEquals(2.0, partial.mean(), 1e-12);
        // t quantiles: the table's end and the expansion beyond it (t(0.975; 60) = 2.0003, t(0.975; 120) = 1.9799)
        assertEquals(2.042, SeedStatistics.t975(30), 1e-12);
        assertEquals(2.0003, SeedStatistics.t975(60), 5e-4);
        assertEquals(1.9799, SeedStatistics.t975(120), 5e-4);
    }

    @Test
    void figuresAreJudgedAgainstFpAccuracyAndTheBaselinesOperatingPointOnTheSameSeed() {
        // FP accuracy 90%: strategies at >= 89% count. Objectives: error, energy, latency, area.
        List<RunRecord> runs = new ArrayList<>();
        for (int seed = 1; seed <= 2; seed++) {
            runs.add(run(Variant.BASELINE, seed, new double[][] {{10, 100, 1, 1}, {12, 50, 1, 1}},
                    new double[] {1.0, 2.0}, new double[] {89.5, 85.0}));
            runs.add(run(Variant.CIM2PQ, seed, new double[][] {{10, 80, 1, 1}, {11, 40, 1, 1}},
                    new double[] {1.2, 2.5}, new double[] {89.2, 87.5 + seed}));
            runs.add(run(Variant.ARRAY_NSGA3, seed, new double[][] {{10, 100, 1, 1}}, new double[] {1.0},
                    new double[] {88.0}));
            runs.add(run(Variant.LAYER_QNSGA3, seed, new double[][] {{10, 100, 1, 1}, {12, 50, 1, 1}},
                    new double[] {1.0, 2.0}, new double[] {89.5, 85.0}));
        }
        ExperimentMetrics m = ExperimentMetrics.of(90.0, runs, 2);
        ExperimentMetrics.VariantFigures base = m.variant(Variant.BASELINE);
        ExperimentMetrics.VariantFigures cim = m.variant(Variant.CIM2PQ);
        assertEquals(1.0, base.topsWithin1().mean(), 1e-12);
        // CIM2PQ: seed 2's second strategy (89.5%, 2.5 TOPS/W) is within 1 point, seed 1's (88.5%) is not
        assertEquals((1.2 + 2.5) / 2, cim.topsWithin1().mean(), 1e-12);
        assertEquals(185.0, cim.topsPercentOf(base), 1e-9);
        // accuracy at >= the baseline's 1.0 TOPS/W: CIM2PQ's best held-out accuracy there, baseline its own 89.5
        assertEquals(89.5, base.accuracyAtBaselineTops().mean(), 1e-12);
        assertEquals((89.2 + 89.5) / 2, cim.accuracyAtBaselineTops().mean(), 1e-12);
        assertEquals(-0.15, cim.accuracyVsBaseline().mean(), 1e-12);
        // array NSGA-III has no strategy within 1 point on either seed
        assertEquals(0, m.variant(Variant.ARRAY_NSGA3).topsWithin1().n());
        assertEquals("n/a", m.variant(Variant.ARRAY_NSGA3).topsWithin1VsBaseline().verdict());
        // CIM2PQ's front dominates the baseline's: larger hypervolume, and it reaches the baseline's after generation 0
        assertTrue(cim.hypervolume().mean() > base.hypervolume().mean());
        assertEquals(2.0, cim.evaluationsToBaselineHypervolume().mean(), 1e-12);
        assertEquals(2.0, base.evaluationsToBaselineHypervolume().mean(), 1e-12);
        assertEquals(0.0, m.variant(Variant.LAYER_QNSGA3).hypervolumeVsBaseline().mean(), 1e-12);
        assertEquals("equal", m.variant(Variant.LAYER_QNSGA3).hypervolumeVsBaseline().verdict());
    }

    /** A run whose results and front are {@code objectives}, all born in generation 0. */
    private static RunRecord run(Variant v, int seed, double[][] objectives, double[] tops, double[] heldOut) {
        List<RunRecord.Result> results = new ArrayList<>();
        List<RunRecord.FrontMember> front = new ArrayList<>();
        for (int i = 0; i < objectives.length; i++) {
            results.add(new RunRecord.Result(0, objectives[i]));
            front.add(new RunRecord.FrontMember("g0-" + i, objectives[i], tops[i], heldOut[i], heldOut[i] - 1,
                    heldOut[i] + 1, 1000));
        }
        return new RunRecord(v, seed, v.key() + "-s" + seed, "test", 0, objectives.length, objectives.length, 0,
                results, front);
    }
}
