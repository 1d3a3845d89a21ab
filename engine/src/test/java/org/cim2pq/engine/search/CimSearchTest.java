package org.cim2pq.engine.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.cim2pq.engine.genome.IntGenome;
import org.cim2pq.engine.problem.ObjectiveFunction;
import org.cim2pq.engine.selection.QuotaPolicy;
import org.cim2pq.engine.selection.ReferencePoints;
import org.cim2pq.engine.space.CimSearchSpace;
import org.cim2pq.engine.space.Granularity;
import org.cim2pq.engine.space.TilePrecision;
import org.junit.jupiter.api.Test;

class CimSearchTest {

    /** 24 tiles in 6 layers; the later a tile, the more its bits matter for the toy error. */
    private static final int[] LAYERS = {0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5};

    private static ObjectiveFunction<IntGenome> toy(CimSearchSpace space) {
        return g -> {
            List<TilePrecision> p = space.decode(g);
            double error = 0;
            double energy = 0;
            double area = 0;
            for (int t = 0; t < p.size(); t++) {
                TilePrecision tp = p.get(t);
                double weight = 1 + (t % 5);
                error += weight * (Math.pow(2, -tp.weightBits()) + Math.pow(2, -tp.inputBits()) + Math.pow(2, -tp.partialSumBits()));
                energy += tp.inputBits() * tp.weightBits() * Math.pow(1.3, tp.partialSumBits());
                area += Math.pow(2, tp.partialSumBits() * 0.5) * tp.weightBits();
            }
            return new double[] {100 * error / p.size(), energy, area};
        };
    }

    private static CimSearchResult run(Granularity g, QuotaPolicy q, long seed, int generations) {
        CimSearchSpace space = CimSearchSpace.builder().setTileLayers(LAYERS).optGranularity(g)
                .optPinnedLayer(0, TilePrecision.uniform(8)).build();
        return CimSearch.builder().setStep(GenerationalStep.builder().setSpace(space).setGenerations(generations)
                .optSeed(seed).optQuota(q).optReferencePoints(ReferencePoints.dasDennis(3, 5)).setPopulationSize(24))
                .setObjectiveFunction(toy(space)).build().run();
    }

    @Test
    void sameSeedGivesAnIdenticalSearch() {
        CimSearchResult a = run(Granularity.ARRAY, QuotaPolicy.DEFAULT, 3, 15);
        CimSearchResult b = run(Granularity.ARRAY, QuotaPolicy.DEFAULT, 3, 15);
        assertEquals(a.generations(), b.generations());
        assertEquals(a.population(), b.population());
        assertEquals(24, a.population().size());
        assertTrue(!a.generations().equals(run(Granularity.ARRAY, QuotaPolicy.DEFAULT, 4, 15).generations()));
    }

    @Test
    void searchImprovesHypervolumeForBothGranularities() {
        for (Granularity g : Granularity.values()) {
            for (QuotaPolicy q : List.of(QuotaPolicy.NONE, QuotaPolicy.DEFAULT)) {
                CimSearchResult r = run(g, q, 1, 30);
                double first = r.generations().get(0).hypervolume();
                double last = r.generations().get(r.generations().size() - 1).hypervolume();
                assertTrue(last > first, g + " " + q + ": " + first + " -> " + last);
                assertEquals(3, r.objectives().values().iterator().next().size());
            }
        }
    }
}
