package org.cim2pq.ops.search;

import org.cim2pq.actors.evaluation.EvaluationModel;

/** Turns a search request's model, dataset and platform options into the model the search evaluates on. */
public interface ModelCatalog {

    /** Checks names and ranges before anything is loaded or written; throws a UserError saying what is wrong. */
    void validate(SearchRequest request);

    /** Loads weights and data, calibrates, and returns the model (may take a while). */
    EvaluationModel open(SearchRequest request);
}
