package org.cim2pq.engine.search;

import java.util.List;

import org.cim2pq.engine.selection.SelectionDecision;
import org.cim2pq.engine.variation.Birth;
import org.cim2pq.engine.variation.MutationState;

/**
 * Everything one generation of a CIM search decided: the births (with the mutation state they were bred under),
 * the selection, the survivors' hypervolume and the mutation state for the next generation.
 */
public record GenerationRecord(int generation, MutationState breedingState, List<Birth> births,
                               SelectionDecision selection, double hypervolume, MutationState nextState) {

    public GenerationRecord {
        births = List.copyOf(births);
    }
}
