package org.cim2pq.engine.variation;

import java.util.List;

import org.cim2pq.engine.genome.IntGenome;
import org.cim2pq.engine.genome.Strategy;
import org.cim2pq.engine.genome.StrategyId;

/**
 * One child as data: who it is, its parents, the crossover mask and the mutated sites that made it, and the
 * resulting genome. {@link #reapply(IntGenome, IntGenome)} rebuilds the genome from the parents and the recorded
 * decisions alone, which is how a journaled birth is verified.
 */
public record Birth(StrategyId child, StrategyId firstParent, StrategyId secondParent, CrossoverMask mask,
                    List<MutationSite> mutations, IntGenome genome) {

    public Birth {
        mutations = List.copyOf(mutations);
    }

    public Strategy strategy() {
        return new Strategy(child, genome);
    }

    /** The child genome from the parents' genomes and this birth's recorded mask and sites. */
    public IntGenome reapply(IntGenome first, IntGenome second) {
        return ProgressiveAdaptiveMutation.apply(mask.apply(first, second), mutations);
    }
}
