package org.cim2pq.actors.search;

import org.cim2pq.actors.evaluation.EvaluationModel;
import org.cim2pq.engine.space.CimSearchSpace;
import org.cim2pq.persistence.event.SearchEvent;

/**
 * The registry a SearchActor consults for what its journal does not say: the search space of a format 1 journal
 * (format 2 journals record their own), and the model that re-evaluates a completed search's front. A node knows
 * the platforms it can evaluate on.
 */
@FunctionalInterface
public interface SearchPlatforms {

    /** The space of a journaled search whose start does not describe it; IllegalStateException when unknown here. */
    CimSearchSpace spaceOf(SearchEvent.SearchStarted started);

    /**
     * The model that evaluates this search's strategies under its start's re-evaluation protocols, or null when this
     * node has none (the re-evaluations then wait for a node that has).
     */
    default EvaluationModel modelOf(SearchEvent.SearchStarted started) {
        return null;
    }

    /** The space a search's start records, or else the registry's. */
    default CimSearchSpace space(SearchEvent.SearchStarted started) {
        return started.describesSpace() ? started.space() : spaceOf(started);
    }
}
