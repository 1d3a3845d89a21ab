package org.cim2pq.persistence.query;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cim2pq.persistence.proto.BornStrategy;
import org.cim2pq.persistence.proto.MutationApplied;
import org.cim2pq.persistence.proto.PopulationInitialized;

/** Every bred strategy's genome (its compact encoding) by strategy id, from a search's events. */
public final class Genomes {

    private Genomes() {}

    public static Map<String, String> of(List<Object> events) {
        Map<String, String> genomes = new HashMap<>();
        for (Object e : events) {
            if (e instanceof PopulationInitialized p) {
                for (BornStrategy b : p.getStrategiesList()) {
                    genomes.put(b.getStrategyId(), b.getGenome());
                }
            } else if (e instanceof MutationApplied m) {
                genomes.put(m.getChildId(), m.getGenome());
            }
        }
        return genomes;
    }
}
