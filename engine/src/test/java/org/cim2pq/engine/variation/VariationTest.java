package org.cim2pq.engine.variation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

import org.cim2pq.engine.genome.IntGenome;
import org.cim2pq.engine.genome.Strategy;
import org.cim2pq.engine.genome.StrategyId;
import org.cim2pq.engine.search.InitialPopulation;
import org.cim2pq.engine.space.CimSearchSpace;
import org.cim2pq.engine.space.Granularity;
import org.cim2pq.engine.space.TilePrecision;
import org.junit.jupiter.api.Test;

class VariationTest {

    private static CimSearchSpace space(Granularity g) {
        int[] layers = new int[40];
        for (int t = 0; t < layers.length; t++) {
            layers[t] = t / 4;
        }
        return CimSearchSpace.builder().setTileLayers(layers).optGranularity(g)
                .optPinnedLayer(0, TilePrecision.uniform(8)).build();
    }

    @Test
    void maskTakesWholeTriplesFromTheNamedParent() {
        IntGenome a = IntGenome.of(1, 1, 1, 2, 2, 2, 3, 3, 3);
        IntGenome b = IntGenome.of(4, 4, 4, 5, 5, 5, 6, 6, 6);
        CrossoverMask m = CrossoverMask.parse("ABA");
        assertEquals(IntGenome.of(1, 1, 1, 5, 5, 5, 3, 3, 3), m.apply(a, b));
        assertEquals("ABA", m.toString());
        assertThrows(IllegalArgumentException.class, () -> CrossoverMask.parse("AB").apply(a, b));
    }

    @Test
    void segmentMasksHaveAtMostCutsPlusOneSegments() {
        SplittableRandom r = new SplittableRandom(1);
        for (int t = 0; t < 200; t++) {
            String m = TileCrossover.segment(2).draw(30, r).toString();
            int changes = 0;
            for (int i = 1; i < m.length(); i++) {
                changes += m.charAt(i) != m.charAt(i - 1) ? 1 : 0;
            }
            assertEquals(2, changes, m);
            assertEquals('A', m.charAt(0));
        }
        assertEquals("A", TileCrossover.segment(2).draw(1, r).toString());
    }

    @Test
    void breedingIsDeterministicAndOrderFree() {
        CimSearchSpace s = space(Granularity.ARRAY);
        List<Strategy> pop = InitialPopulation.DEFAULT.create(s, 20, 11);
        Breeding breeding = Breeding.defaults(s);
        MutationState state = MutationState.initial();
        List<Birth> a = breeding.breed(pop, 1, 11, state, 20);
        List<Strategy> shuffled = new ArrayList<>(pop);
        Collections.shuffle(shuffled, new java.util.Random(3));
        assertEquals(a, breeding.breed(shuffled, 1, 11, state, 20));
        assertEquals(a.get(13), breeding.birth(pop, 1, 11, state, 13));
        assertEquals(StrategyId.of(1, 13), a.get(13).child());
        assertNotEquals(a, breeding.breed(pop, 1, 12, state, 20));
        assertNotEquals(a, breeding.breed(pop, 2, 11, state, 20));
    }

    @Test
    void recordedDecisionsReapplyToTheSameChild() {
        for (Granularity g : Granularity.values()) {
            CimSearchSpace s = space(g);
            List<Strategy> pop = InitialPopulation.DEFAULT.create(s, 30, 5);
            List<Birth> births = Breeding.defaults(s).breed(pop, 4, 5, new MutationState(4.0, 0, 1.0), 30);
            int mutated = 0;
            for (Birth b : births) {
                IntGenome first = pop.stream().filter(p -> p.id().equals(b.firstParent())).findFirst().orElseThrow().genome();
                IntGenome second = pop.stream().filter(p -> p.id().equals(b.secondParent())).findFirst().orElseThrow().genome();
                assertNotEquals(b.firstParent(), b.secondParent());
                assertEquals(b.genome(), b.reapply(first, second));
                s.requireValid(b.genome()); // pinned layer untouched, genes in range
                mutated += b.mutations().size();
                for (MutationSite site : b.mutations()) {
                    assertEquals(1, Math.abs(site.newValue() - site.oldValue()));
                }
            }
            assertTrue(mutated > 0);
        }
        MutationSite wrong = new MutationSite(0, 5, 4);
        assertThrows(IllegalArgumentException.class,
                () -> ProgressiveAdaptiveMutation.apply(IntGenome.of(3, 3, 3), List.of(wrong)));
    }

    @Test
    void rateDecaysWithGenerationAndFollowsTheAdaptiveFactor() {
        CimSearchSpace s = space(Granularity.ARRAY);
        ProgressiveAdaptiveMutation m = ProgressiveAdaptiveMutation.defaults();
        MutationState st = MutationState.initial();
        assertEquals(3.0 / 40, m.rate(s, 1, st), 1e-12);
        assertTrue(m.rate(s, 50, st) < m.rate(s, 1, st));
        assertEquals(1.0 / 120, m.rate(s, 100_000, st), 1e-12, "floor: one expected mutation per child");
        assertEquals(2 * 3.0 / 40, m.rate(s, 1, new MutationState(2.0, 0, 1)), 1e-12);
    }

    @Test
    void adaptationLowersOnGainAndRaisesOnStagnation() {
        ProgressiveAdaptiveMutation m = ProgressiveAdaptiveMutation.defaults();
        MutationState s = m.adapt(MutationState.initial(), 0.5);
        assertEquals(new MutationState(1.0, 0, 0.5), s);
        s = m.adapt(s, 0.6);
        assertEquals(new MutationState(0.8, 0, 0.6), s);
        s = m.adapt(s, 0.6);
        s = m.adapt(s, 0.59);
        assertEquals(new MutationState(0.8, 2, 0.6), s);
        s = m.adapt(s, 0.6);
        assertEquals(new MutationState(1.6, 0, 0.6), s);
    }

    @Test
    void lowSensitivityTilesMutateTowardsFewerBits() {
        int[] layers = {0, 1};
        CimSearchSpace s = CimSearchSpace.builder().setTileLayers(layers).optSensitivity(0.0, 1.0).build();
        ProgressiveAdaptiveMutation m = ProgressiveAdaptiveMutation.builder().optInitialRate(0.5).build();
        IntGenome mid = s.uniform(5);
        int[] down = new int[2];
        int[] total = new int[2];
        SplittableRandom r = new SplittableRandom(2);
        for (int t = 0; t < 4000; t++) {
            for (MutationSite site : m.draw(mid, s, 1, MutationState.initial(), r)) {
                total[site.unit()]++;
                down[site.unit()] += site.newValue() < site.oldValue() ? 1 : 0;
            }
        }
        assertEquals(0.75, (double) down[0] / total[0], 0.03);
        assertEquals(0.5, (double) down[1] / total[1], 0.03);
    }

    @Test
    void initialPopulationStartsWithTheUniformStrategies() {
        CimSearchSpace s = space(Granularity.ARRAY);
        List<Strategy> pop = InitialPopulation.DEFAULT.create(s, 10, 1);
        assertEquals(s.uniform(8), pop.get(0).genome());
        assertEquals(s.uniform(6), pop.get(1).genome());
        assertEquals(s.uniform(4), pop.get(2).genome());
        assertEquals(StrategyId.of(0, 9), pop.get(9).id());
        assertEquals(pop, InitialPopulation.DEFAULT.create(s, 10, 1));
        assertNotEquals(pop, InitialPopulation.DEFAULT.create(s, 10, 2));
        assertEquals(10, pop.stream().map(Strategy::genome).distinct().count());
    }
}
