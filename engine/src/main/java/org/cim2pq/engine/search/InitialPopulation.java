package org.cim2pq.engine.search;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.cim2pq.engine.genome.IntGenome;
import org.cim2pq.engine.genome.Strategy;
import org.cim2pq.engine.genome.StrategyId;
import org.cim2pq.engine.random.DrawKey;
import org.cim2pq.engine.random.Purpose;
import org.cim2pq.engine.space.CimSearchSpace;

/**
 * Generation 0 of a CIM search (METHOD.md sec. 4): the uniform strategies first ({@link #DEFAULT_UNIFORM_BITS}:
 * all-8, all-6, all-4 bits, nearest candidates, pinned layers kept), then random strategies, strategy {@code i}
 * drawn from stream (seed, 0, INITIAL_POPULATION, i). Ids are {@code g0-0, g0-1, ...}. Duplicate genomes are redrawn
 * (up to a bound, since a tiny space may not hold {@code size} distinct strategies).
 *
 * @param uniformBits the uniform strategies to seed, in order
 */
public record InitialPopulation(List<Integer> uniformBits) {

    public static final List<Integer> DEFAULT_UNIFORM_BITS = List.of(8, 6, 4);
    public static final InitialPopulation DEFAULT = new InitialPopulation(DEFAULT_UNIFORM_BITS);
    private static final int REDRAWS = 100;

    public InitialPopulation {
        uniformBits = List.copyOf(uniformBits);
    }

    public List<Strategy> create(CimSearchSpace space, int size, long seed) {
        List<Strategy> out = new ArrayList<>(size);
        Set<IntGenome> seen = new HashSet<>();
        for (int bits : uniformBits) {
            IntGenome g = space.uniform(bits);
            if (out.size() < size && seen.add(g)) {
                out.add(new Strategy(StrategyId.of(0, out.size()), g));
            }
        }
        while (out.size() < size) {
            int i = out.size();
            var random = DrawKey.of(seed, 0, Purpose.INITIAL_POPULATION, i).random();
            IntGenome g = space.random(random);
            for (int attempt = 0; attempt < REDRAWS && seen.contains(g); attempt++) {
                g = space.random(random);
            }
            seen.add(g);
            out.add(new Strategy(StrategyId.of(0, i), g));
        }
        return out;
    }
}
