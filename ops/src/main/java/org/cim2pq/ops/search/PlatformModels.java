package org.cim2pq.ops.search;

import java.nio.file.Path;
import org.cim2pq.actors.evaluation.EvaluationModel;
import org.cim2pq.actors.platform.CimPlatformModel;
import org.cim2pq.engine.space.Granularity;
import org.cim2pq.ops.input.UserError;
import org.cim2pq.sim.cim.inference.Fidelity;
import org.cim2pq.sim.data.DatasetCatalog;
import org.cim2pq.sim.data.DatasetException;
import org.cim2pq.sim.models.ModelLoadException;
import org.cim2pq.sim.models.TrainedModels;
import org.cim2pq.sim.network.Architecture;

/** The trained networks shipped with cim2pq on the simulated CIM platform. */
public final class PlatformModels implements ModelCatalog {

    private final Path datasetDir;

    /** {@code datasetDir} null: each dataset's default folder. */
    public PlatformModels(Path datasetDir) {
        this.datasetDir = datasetDir;
    }

    @Override
    public void validate(SearchRequest r) {
        try {
            Architecture.byId(r.model());
        } catch (IllegalArgumentException e) {
            throw new UserError("unknown --model '" + r.model() + "' (known: " + String.join(", ", Architecture.ids()) + ")", e);
        }
        try {
            DatasetCatalog.byId(r.dataset());
        } catch (IllegalArgumentException e) {
            throw new UserError("unknown --dataset '" + r.dataset() + "' (known: " + String.join(", ", DatasetCatalog.ids()) + ")", e);
        }
        String stem = TrainedModels.stem(r.model(), r.dataset());
        if (TrainedModels.class.getResource(TrainedModels.RESOURCE_DIR + stem + TrainedModels.PARAMS_SUFFIX) == null) {
            throw new UserError("no trained " + r.model() + " for " + r.dataset() + " ships with cim2pq; train one with:"
                    + " cim2pq train --model " + r.model() + " --dataset " + r.dataset());
        }
    }

    @Override
    public EvaluationModel open(SearchRequest r) {
        try {
            return CimPlatformModel.builder().setModel(r.model()).setDataset(r.dataset()).optDatasetDir(datasetDir)
                    .optFidelity(r.fidelity().equals("bitserial") ? Fidelity.BITSERIAL : Fidelity.PSUM)
                    .optGranularity(r.granularity().equals("layer") ? Granularity.LAYER : Granularity.ARRAY)
                    .optEvaluationImages(r.evalImages()).optCalibrationImages(r.calibrationImages()).build();
        } catch (ModelLoadException | DatasetException e) {
            throw new UserError(e.getMessage(), e);
        }
    }
}
