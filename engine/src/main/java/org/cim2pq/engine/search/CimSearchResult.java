package org.cim2pq.engine.search;

import java.util.List;
import java.util.Map;

import org.cim2pq.engine.genome.Strategy;
import org.cim2pq.engine.genome.StrategyId;
import org.cim2pq.engine.indicator.HypervolumeFrame;
import org.cim2pq.engine.problem.Objectives;

/** A finished in-memory CIM search: the initial population, the final one, all objectives, every generation. */
public record CimSearchResult(List<Strategy> initial, List<Strategy> population, Map<StrategyId, Objectives> objectives,
                              HypervolumeFrame frame, List<GenerationRecord> generations) {

    public CimSearchResult {
        initial = List.copyOf(initial);
        population = List.copyOf(population);
        objectives = Map.copyOf(objectives);
        generations = List.copyOf(generations);
    }
}
