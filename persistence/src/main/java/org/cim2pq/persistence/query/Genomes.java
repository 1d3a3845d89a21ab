package org.cim2pq.persistence.query;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cim2pq.persistence.event.SearchReadModel;

/** Every bred strategy's genome (its compact encoding) by strategy id, from a search's events. */
public final class Genomes {

    private Genomes() {}

    public static Map<String, String> of(List<?> events) {
        return of(SearchReadModel.of(events));
    }

    public static Map<String, String> of(SearchReadModel model) {
        Map<String, String> genomes = new HashMap<>();
        model.strategies().forEach((id, s) -> genomes.put(id.toString(), s.genome().encode()));
        return genomes;
    }
}
