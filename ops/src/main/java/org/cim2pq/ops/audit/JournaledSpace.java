package org.cim2pq.ops.audit;

import org.cim2pq.engine.space.CimSearchSpace;
import org.cim2pq.ops.input.UserError;
import org.cim2pq.ops.search.PlatformModels;
import org.cim2pq.ops.search.SearchRequest;
import org.cim2pq.persistence.event.SearchEvent;

/**
 * The search space of a journaled search, for readers that decode genomes: the one its start records (format 2,
 * no model or data set needed), or for a format 1 journal the one rebuilt from its recorded configuration (which
 * loads the model and its data, as format 1 readers always did).
 */
public final class JournaledSpace {

    private JournaledSpace() {}

    public static CimSearchSpace of(SearchEvent.SearchStarted started) {
        if (started.describesSpace()) {
            return started.space();
        }
        SearchRequest request;
        try {
            request = SearchRequest.fromJson(started.searchId(), started.provenance().getConfig());
        } catch (RuntimeException e) {
            throw new UserError("search '" + started.searchId()
                    + "' records a configuration this version cannot read: " + e.getMessage(), e);
        }
        PlatformModels catalog = new PlatformModels();
        catalog.validate(request);
        return catalog.open(request).space();
    }
}
