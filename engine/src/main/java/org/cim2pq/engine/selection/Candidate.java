package org.cim2pq.engine.selection;

import org.cim2pq.engine.genome.StrategyId;
import org.cim2pq.engine.problem.Objectives;

/** A strategy competing for survival: its id and its evaluated objectives (all minimised). */
public record Candidate(StrategyId id, Objectives objectives) {

    public Candidate {
        if (id == null || objectives == null) {
            throw new IllegalArgumentException("id and objectives are required");
        }
    }

    public static Candidate of(StrategyId id, double... objectives) {
        return new Candidate(id, Objectives.of(objectives));
    }
}
