package org.cim2pq.persistence.query;

import org.cim2pq.persistence.event.SearchEvent;
import org.cim2pq.persistence.event.SearchEventCodec;
import org.cim2pq.persistence.event.SearchReadModel;

/**
 * One search at a glance, folded from its stored events one at a time through the bounded read model (memory
 * follows the population, not the journal): what {@code cim2pq list} shows.
 */
public final class SearchSummary {

    private final String id;
    private final SearchReadModel model = SearchReadModel.bounded();

    public SearchSummary(String id) {
        this.id = id;
    }

    public SearchSummary add(Object stored) {
        if (SearchEventCodec.isEvent(stored)) {
            model.apply(SearchEventCodec.decode(stored));
        }
        return this;
    }

    public String id() {
        return id;
    }

    /**
     * {@code completed}, {@code re-scoring} (completed, the re-evaluations of its front not all journaled), or
     * {@code stopped} (not running here: nothing else writes an embedded journal).
     */
    public String status() {
        return model.isFinished() ? "completed" : model.isCompleted() ? "re-scoring"
                : model.isStarted() ? "stopped" : "empty";
    }

    public int generation() {
        return model.progress().generation();
    }

    public int generations() {
        return model.isStarted() ? model.started().generations() : 0;
    }

    public long evaluations() {
        return model.progress().evaluations();
    }

    public long failures() {
        return model.failures();
    }

    public double bestError() {
        return model.bestError();
    }

    public double bestTopsPerWatt() {
        return model.bestTopsPerWatt();
    }

    /** Null before the first event. */
    public SearchEvent.SearchStarted started() {
        return model.started();
    }

    public int frontSize() {
        return model.isCompleted() ? model.completed().front().size() : 0;
    }
}
