package org.cim2pq.engine.variation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import org.cim2pq.engine.genome.IntGenome;
import org.cim2pq.engine.genome.Strategy;
import org.cim2pq.engine.genome.StrategyId;
import org.cim2pq.engine.random.DrawKey;
import org.cim2pq.engine.random.Purpose;
import org.cim2pq.engine.space.CimSearchSpace;

/**
 * CIM2PQ's production step: the population in, births out. Birth {@code i} of generation {@code g} gets id
 * {@code g<g>-<i>}; its parents come from stream (seed, g, PARENTS, i), two distinct members chosen uniformly at
 * random (NSGA-III mates at random, Deb and Jain 2014, since reference-point niching does the selecting), its mask
 * from (seed, g, CROSSOVER, i) and its mutations from (seed, g, MUTATION, i). The population is sorted by id first,
 * so births depend only on the set of parents, not their order, and any single birth can be re-derived alone
 * ({@link #birth}).
 */
public record Breeding(CimSearchSpace space, TileCrossover crossover, ProgressiveAdaptiveMutation mutation) {

    /** METHOD.md defaults: uniform tile crossover, default progressive adaptive mutation. */
    public static Breeding defaults(CimSearchSpace space) {
        return new Breeding(space, TileCrossover.DEFAULT, ProgressiveAdaptiveMutation.defaults());
    }

    /** {@code count} births for generation {@code generation} (>= 1). */
    public List<Birth> breed(Collection<Strategy> population, int generation, long seed, MutationState state, int count) {
        List<Strategy> sorted = sortedById(population);
        List<Birth> births = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            births.add(birthFromSorted(sorted, generation, seed, state, i));
        }
        return births;
    }

    /** Birth {@code index} alone, exactly as {@link #breed} makes it. */
    public Birth birth(Collection<Strategy> population, int generation, long seed, MutationState state, int index) {
        return birthFromSorted(sortedById(population), generation, seed, state, index);
    }

    private Birth birthFromSorted(List<Strategy> sorted, int generation, long seed, MutationState state, int index) {
        if (generation < 1) {
            throw new IllegalArgumentException("births start at generation 1 (generation 0 is the initial population)");
        }
        int n = sorted.size();
        if (n == 0) {
            throw new IllegalArgumentException("empty population");
        }
        SplittableRandom pr = DrawKey.of(seed, generation, Purpose.PARENTS, index).random();
        int a = pr.nextInt(n);
        int b = a;
        if (n > 1) {
            b = pr.nextInt(n - 1);
            if (b >= a) {
                b++;
            }
        }
        Strategy first = sorted.get(a);
        Strategy second = sorted.get(b);
        CrossoverMask mask = crossover.draw(space.unitCount(),
                DrawKey.of(seed, generation, Purpose.CROSSOVER, index).random());
        IntGenome crossed = mask.apply(first.genome(), second.genome());
        List<MutationSite> sites = mutation.draw(crossed, space, generation, state,
                DrawKey.of(seed, generation, Purpose.MUTATION, index).random());
        IntGenome child = ProgressiveAdaptiveMutation.apply(crossed, sites);
        return new Birth(StrategyId.of(generation, index), first.id(), second.id(), mask, sites, child);
    }

    private List<Strategy> sortedById(Collection<Strategy> population) {
        List<Strategy> sorted = new ArrayList<>(population);
        sorted.sort(Comparator.comparing(Strategy::id));
        for (Strategy s : sorted) {
            space.requireValid(s.genome());
        }
        return sorted;
    }
}
