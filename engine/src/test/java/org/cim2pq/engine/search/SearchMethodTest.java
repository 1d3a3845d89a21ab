package org.cim2pq.engine.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.cim2pq.engine.genome.IntGenome;
import org.cim2pq.engine.genome.Strategy;
import org.cim2pq.engine.genome.StrategyId;
import org.cim2pq.engine.problem.Objectives;
import org.cim2pq.engine.selection.Dominance;
import org.cim2pq.engine.selection.ReferencePoints;
import org.cim2pq.engine.space.CimSearchSpace;
import org.cim2pq.engine.space.Granularity;
import org.cim2pq.engine.space.TilePrecision;
import org.cim2pq.engine.variation.MutationState;
import org.cim2pq.engine.variation.ProgressiveAdaptiveMutation;
import org.junit.jupiter.api.Test;

/** Revisions 2 and 3 of the method (METHOD.md sec. 4) against revision 1 and each other, rule by rule. */
class SearchMethodTest {

    private static final int[] LAYERS = {0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5};

    private static CimSearchSpace space(Granularity g) {
        return CimSearchSpace.builder().setTileLayers(LAYERS).optGranularity(g)
                .optPinnedLayer(0, TilePrecision.uniform(8)).build();
    }

    @Test
    void referencePointsMatchThePopulation() {
        assertEquals(10, ReferencePoints.forPopulation(4, 12).size());
        assertEquals(20, ReferencePoints.forPopulation(4, 20).size());
        assertEquals(35, ReferencePoints.forPopulation(4, 40).size());
        assertEquals(4, ReferencePoints.forPopulation(4, 2).size());
        assertEquals(286, SearchMethod.REVISION_1.referencePoints(4, 12).size());
        assertEquals(10, SearchMethod.REVISION_2.referencePoints(4, 12).size());
    }

    @Test
    void revisionsReadBackAndUnknownOnesAreRefused() {
        assertEquals(SearchMethod.REVISION_1, SearchMethod.of(0));
        assertEquals(SearchMethod.REVISION_1, SearchMethod.of(1));
        assertEquals(SearchMethod.REVISION_2, SearchMethod.of(2));
        assertEquals(SearchMethod.REVISION_3, SearchMethod.of(3));
        assertEquals(SearchMethod.REVISION_3, SearchMethod.CURRENT);
        assertThrows(IllegalArgumentException.class, () -> SearchMethod.of(99));
    }

    @Test
    void theScheduleProgressesOverTheConfiguredGenerationsAndAgreesAcrossGranularities() {
        ProgressiveAdaptiveMutation m = SearchMethod.REVISION_2.mutation(10);
        MutationState s = MutationState.initial();
        for (Granularity g : Granularity.values()) {
            CimSearchSpace space = space(g);
            int mutable = 0;
            for (int gene = 0; gene < space.geneCount(); gene++) {
                mutable += space.isPinned(gene / 3) ? 0 : 1;
            }
            assertEquals(3.0, m.rate(space, 1, s) * mutable, 1e-9, g.toString());
            assertEquals(1.0, m.rate(space, 10, s) * mutable, 1e-9, g.toString());
            // geometric: generation 6 of 10 is 5/9 of the way, 3 * (1/3)^(5/9) = 3^(4/9) expected genes
            assertEquals(Math.pow(3.0, 4.0 / 9.0), m.rate(space, 6, s) * mutable, 1e-9, g.toString());
        }
        // Revision 1 hardly moves over the same ten generations (0.99^9 = 0.91).
        CimSearchSpace array = space(Granularity.ARRAY);
        ProgressiveAdaptiveMutation old = SearchMethod.REVISION_1.mutation(10);
        assertEquals(0.91, old.rate(array, 10, s) / old.rate(array, 1, s), 0.01);
    }

    @Test
    void theScheduleMutatesAsManyGenesPerChildInBothGranularities() {
        ProgressiveAdaptiveMutation m = SearchMethod.REVISION_2.mutation(10);
        double[] mean = new double[2];
        for (Granularity g : Granularity.values()) {
            CimSearchSpace space = space(g);
            SplittableRandom random = new SplittableRandom(5);
            IntGenome genome = space.uniform(6);
            long sites = 0;
            for (int child = 0; child < 4000; child++) {
                sites += m.draw(genome, space, 1, MutationState.initial(), random).size();
            }
            mean[g.ordinal()] = sites / 4000.0;
        }
        assertEquals(3.0, mean[0], 0.1);
        assertEquals(3.0, mean[1], 0.1);
    }

    /** LeNet-5 and ResNet-8 as the platform tiles them (128x128 arrays, 2-bit cells): the layer of every tile. */
    static int[] lenet5Layers() {
        return layers(1, 2, 32, 6, 1);
    }

    static int[] resnet8Layers() {
        return layers(1, 2, 2, 4, 6, 2, 12, 20, 4, 1);
    }

    private static int[] layers(int... tilesPerLayer) {
        List<Integer> out = new ArrayList<>();
        for (int l = 0; l < tilesPerLayer.length; l++) {
            for (int t = 0; t < tilesPerLayer[l]; t++) {
                out.add(l);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static double expectedGenes(ProgressiveAdaptiveMutation m, CimSearchSpace space, int generation,
                                        double factor) {
        return m.rate(space, generation, new MutationState(factor, 0, Double.NaN)) * space.geneCount();
    }

    /**
     * METHOD.md sec. 4: mutation strength comparable across granularities. Revision 2 capped each gene's rate at 0.5,
     * so on LeNet-5's 15 layerwise genes the expected mutated genes per child stopped at 7.5 once the adaptive factor
     * passed 2.5 while its 126 arraywise genes went on (ResNet-8: 30 and 162 genes, past a factor of 5); revision 3
     * caps the expected number at the same 0.5 x layerwise genes in both, so they are equal at every generation and
     * factor, and the drawn number of sites agrees.
     */
    @Test
    void revisionThreeMutatesAsManyGenesPerChildAtEveryFactorOnLeNetAndResNet8() {
        for (int[] tiles : List.of(lenet5Layers(), resnet8Layers())) {
            CimSearchSpace array = CimSearchSpace.builder().setTileLayers(tiles).build();
            CimSearchSpace layer = CimSearchSpace.builder().setTileLayers(tiles).optGranularity(Granularity.LAYER)
                    .build();
            int layers = tiles[tiles.length - 1] + 1;
            assertEquals(3 * layers, layer.geneCount());
            ProgressiveAdaptiveMutation two = SearchMethod.REVISION_2.mutation(20);
            ProgressiveAdaptiveMutation three = SearchMethod.REVISION_3.mutation(20);
            assertNotEquals(expectedGenes(two, array, 1, 8), expectedGenes(two, layer, 1, 8), 1e-9,
                    "revision 2 differs at a high factor (" + layers + " layers)");
            for (double factor : new double[] {0.25, 1, 2, 4, 8}) {
                for (int g = 1; g <= 20; g++) {
                    double a = expectedGenes(three, array, g, factor);
                    assertEquals(a, expectedGenes(three, layer, g, factor), 1e-9, "generation " + g + " factor " + factor);
                    assertEquals(Math.min(3 * Math.pow(1 / 3.0, (g - 1) / 19.0) * factor, 1.5 * layers), a, 1e-9);
                    if (factor * 3 < 1.5 * layers) {
                        // below the ceiling revision 3 is revision 2
                        assertEquals(expectedGenes(two, array, g, factor), a, 1e-9);
                        assertEquals(expectedGenes(two, layer, g, factor), expectedGenes(three, layer, g, factor), 1e-9);
                    }
                }
            }
            double[] mean = new double[2];
            for (CimSearchSpace space : List.of(array, layer)) {
                SplittableRandom random = new SplittableRandom(9);
                IntGenome genome = space.uniform(6);
                long sites = 0;
                for (int child = 0; child < 4000; child++) {
                    sites += three.draw(genome, space, 1, new MutationState(8, 0, Double.NaN), random).size();
                }
                mean[space.granularity().ordinal()] = sites / 4000.0;
            }
            assertEquals(1.5 * layers, mean[0], 0.1 * layers, "arraywise, factor 8");
            assertEquals(1.5 * layers, mean[1], 0.1 * layers, "layerwise, factor 8");
        }
    }

    @Test
    void theArchiveIsTheNondominatedSetOfEveryEvaluationInAnyOrder() {
        SplittableRandom random = new SplittableRandom(11);
        List<StrategyId> ids = new ArrayList<>();
        Map<StrategyId, Objectives> results = new TreeMap<>();
        List<Strategy> initial = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            StrategyId id = StrategyId.of(0, i);
            ids.add(id);
            initial.add(new Strategy(id, new IntGenome(new int[] {i % 30, i / 30, 0})));
            int a = random.nextInt(10);
            int b = random.nextInt(10);
            // half on a plane (mutually non-dominated, ties included), half lifted off it by 0..2
            results.put(id, Objectives.of(a, b, 20 - a - b + (i % 2 == 0 ? 0 : random.nextInt(3))));
        }
        List<StrategyId> expected = new ArrayList<>();
        for (StrategyId a : ids) {
            boolean dominated = false;
            for (StrategyId b : ids) {
                dominated |= Dominance.dominates(results.get(b).values(), results.get(a).values());
            }
            if (!dominated) {
                expected.add(a);
            }
        }
        for (long order = 0; order < 5; order++) {
            List<StrategyId> shuffled = new ArrayList<>(ids);
            Collections.shuffle(shuffled, new java.util.Random(order));
            SearchProgress p = new SearchProgress();
            p.recordInitialPopulation(initial);
            shuffled.forEach(id -> p.recordResult(id, results.get(id)));
            assertEquals(expected, p.archive());
        }
        assertTrue(expected.size() > 3 && expected.size() < 60);
    }

    @Test
    void aCopiedResultIsNotASecondArchiveMember() {
        SearchProgress p = new SearchProgress();
        IntGenome same = new IntGenome(new int[] {1, 2, 3});
        p.recordInitialPopulation(List.of(new Strategy(StrategyId.of(0, 0), same)));
        p.recordResult(StrategyId.of(0, 0), Objectives.of(1, 1));
        p.recordGenerationStarted(1, MutationState.initial());
        p.recordBirth(StrategyId.of(1, 0), same);
        p.recordResult(StrategyId.of(1, 0), Objectives.of(1, 1));
        assertEquals(List.of(StrategyId.of(0, 0)), p.archive());
    }

    /** A whole small search per revision; the objectives make many children copies of their parents. */
    private static List<StepDecision> decisions(SearchMethod method) {
        CimSearchSpace space = space(Granularity.LAYER);
        GenerationalStep step = GenerationalStep.builder().setSpace(space).setPopulationSize(8).setGenerations(6)
                .optObjectives(2).optMethod(method).optSeed(7).build();
        SearchProgress progress = new SearchProgress();
        List<StepDecision> out = new ArrayList<>();
        while (true) {
            StepDecision d = step.next(progress);
            out.add(d);
            if (d instanceof StepDecision.InitializePopulation i) {
                progress.recordInitialPopulation(i.strategies());
            } else if (d instanceof StepDecision.Evaluate e) {
                for (StrategyId id : e.pending()) {
                    int bits = 0;
                    for (TilePrecision t : space.decode(progress.genome(id))) {
                        bits += t.inputBits() + t.weightBits() + t.partialSumBits();
                    }
                    // Only the bit total matters: many genomes tie, the front is a staircase.
                    progress.recordResult(id, Objectives.of(1000.0 / bits, bits));
                }
            } else if (d instanceof StepDecision.CopyResults c) {
                c.copies().forEach(x -> progress.recordResult(x.child(), progress.objectives(x.source())));
            } else if (d instanceof StepDecision.Breed b) {
                progress.recordGenerationStarted(b.generation(), b.mutation());
                b.births().forEach(x -> progress.recordBirth(x.child(), x.genome()));
            } else if (d instanceof StepDecision.Select s) {
                progress.recordSelection(s.selection().generation(), s.selection().survivors(), s.hypervolume());
                if (method.eliminatesDuplicates()) {
                    var genomes = new HashSet<IntGenome>();
                    for (StrategyId id : s.selection().survivors()) {
                        assertTrue(genomes.add(progress.genome(id)), "a genome survived twice: " + id);
                    }
                    for (StepDecision.Duplicate dup : s.duplicates()) {
                        assertEquals(progress.genome(dup.sameAs()), progress.genome(dup.strategy()));
                        assertFalse(s.selection().survivors().contains(dup.strategy()));
                    }
                } else {
                    assertTrue(s.duplicates().isEmpty());
                }
            } else if (d instanceof StepDecision.Complete c) {
                progress.recordCompletion(c.front());
                if (method.reportsArchive()) {
                    assertEquals(progress.archive(), c.front());
                } else {
                    assertEquals(c.populationFront(), c.front());
                }
            } else {
                break;
            }
        }
        return out;
    }

    @Test
    void revisionTwoEliminatesDuplicatesAndReportsTheArchive() {
        List<StepDecision> two = decisions(SearchMethod.REVISION_2);
        assertTrue(two.stream().anyMatch(d -> d instanceof StepDecision.Select s && !s.duplicates().isEmpty()),
                "the test search must produce duplicates to eliminate");
        List<StepDecision> one = decisions(SearchMethod.REVISION_1);
        assertNotEquals(one, two);
    }
}
