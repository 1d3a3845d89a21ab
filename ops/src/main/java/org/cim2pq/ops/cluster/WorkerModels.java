package org.cim2pq.ops.cluster;

import java.util.HashMap;
import java.util.Map;
import org.cim2pq.actors.cluster.EvaluationWorkers;
import org.cim2pq.actors.evaluation.EvaluationModel;
import org.cim2pq.actors.search.SearchDefinition;
import org.cim2pq.actors.search.SearchSettings;
import org.cim2pq.ops.search.ModelCatalog;
import org.cim2pq.ops.search.SearchRequest;
import org.cim2pq.persistence.event.SearchEvent;

/**
 * A worker node's models: the one a search's start records (its request, as {@code resume} reads it), opened once
 * per platform on this node and checked against the journal (model, data, space, platform), so a node with other
 * weights, data or simulator never contributes results.
 */
final class WorkerModels implements EvaluationWorkers.Models {

    private final ModelCatalog catalog;
    private final Map<String, EvaluationModel> opened = new HashMap<>();

    WorkerModels(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public synchronized EvaluationModel open(SearchEvent.SearchStarted started) {
        SearchRequest request = SearchRequest.fromJson(started.searchId(), started.provenance().getConfig());
        catalog.validate(request);
        // The platform the journal records decides the model; searches that differ only in seed, size or id share it.
        String key = started.platform() != null ? started.platform().toByteString().toStringUtf8() + "|"
                + started.provenance().getModelFingerprint() : request.toJson();
        EvaluationModel model = opened.computeIfAbsent(key, k -> catalog.open(request));
        String mismatch = new SearchDefinition(request.id(), model,
                request.settings(SearchSettings.DEFAULT_SNAPSHOT_EVERY), request.toJson(), request.reevaluations(model))
                .withSensitivityOf(started).mismatch(started);
        if (mismatch != null) {
            throw new IllegalStateException("this node's " + request.model() + " is not the journal's: " + mismatch);
        }
        return model;
    }
}
