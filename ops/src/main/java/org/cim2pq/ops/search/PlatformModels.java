package org.cim2pq.ops.search;

import java.nio.file.Path;
import org.cim2pq.actors.evaluation.EvaluationModel;
import org.cim2pq.actors.platform.CimPlatformModel;
import org.cim2pq.engine.space.Granularity;
import org.cim2pq.ops.input.UserError;
import org.cim2pq.sim.cim.cost.HardwarePreset;
import org.cim2pq.sim.cim.inference.Fidelity;
import org.cim2pq.sim.cim.noise.NoiseProfile;
import org.cim2pq.sim.data.DatasetCatalog;
import org.cim2pq.sim.data.DatasetException;
import org.cim2pq.sim.models.ModelLoadException;
import org.cim2pq.sim.models.ModelProvenance;
import org.cim2pq.sim.models.TrainedModels;
import org.cim2pq.sim.network.Architecture;

/** The trained networks shipped with cim2pq on the simulated CIM platform. */
public final class PlatformModels implements ModelCatalog {

    /** Each request names its weights (shipped, or a file) and its data set folder (default, or one). */
    public PlatformModels() {}

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
        if (!HardwarePreset.NAMES.contains(r.preset())) {
            throw new UserError("unknown --preset '" + r.preset() + "' (known: " + String.join(", ", HardwarePreset.NAMES) + ")");
        }
        if (r.rescores() && !(r.rescore().equals("bitserial") && r.fidelity().equals("psum"))) {
            throw new UserError("--rescore " + r.rescore() + " with --fidelity " + r.fidelity() + ": only a psum search"
                    + " is re-scored, on bitserial (the machine it stands in for)");
        }
        if (r.calibration().layerScales() && !r.granularity().equals("layer")) {
            throw new UserError("layer-scales with granularity " + r.granularity() + ": scales per layer belong to the"
                    + " layerwise baseline (granularity layer)");
        }
        if (!NoiseProfile.NAMES.contains(r.noise())) {
            throw new UserError("unknown --noise '" + r.noise() + "' (known: " + String.join(", ", NoiseProfile.NAMES) + ")");
        }
        if (r.rescores() && !NoiseProfile.byName(r.noise()).isIdeal()) {
            // the re-scoring protocol (SearchEvent.EvaluationProtocol.rescoring) is on ideal devices
            throw new UserError("--rescore " + r.rescore() + " with --noise " + r.noise() + ": a front is re-scored on"
                    + " ideal devices only (docs/sim-noise.md)");
        }
        try {
            r.spaceChoices().arrayConfig();
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
        if (r.weights() != null) {
            Path file = Path.of(r.weights());
            if (!java.nio.file.Files.isRegularFile(file) || !java.nio.file.Files.isRegularFile(TrainedModels.provenanceFile(file))) {
                throw new UserError("--weights " + r.weights() + ": no such file with its provenance beside it ("
                        + TrainedModels.provenanceFile(file).getFileName() + "); cim2pq train writes both");
            }
            ModelProvenance p;
            try (var in = java.nio.file.Files.newBufferedReader(TrainedModels.provenanceFile(file))) {
                p = ModelProvenance.read(in);
            } catch (java.io.IOException | RuntimeException e) {
                throw new UserError("--weights " + r.weights() + ": unreadable provenance " + TrainedModels.provenanceFile(file)
                        + " (" + UserError.rootMessage(e) + ")", e);
            }
            if (!p.model().equals(r.model()) || !p.dataset().equals(r.dataset())) {
                throw new UserError("--weights " + r.weights() + " holds " + p.model() + " trained on " + p.dataset()
                        + ", not --model " + r.model() + " on --dataset " + r.dataset());
            }
            return;
        }
        String stem = TrainedModels.stem(r.model(), r.dataset());
        if (TrainedModels.class.getResource(TrainedModels.RESOURCE_DIR + stem + TrainedModels.PARAMS_SUFFIX) == null) {
            throw new UserError("no trained " + r.model() + " for " + r.dataset() + " ships with cim2pq; train one with:"
                    + " cim2pq train --model " + r.model() + " --dataset " + r.dataset() + " --epochs E --seed S --out"
                    + " FILE.params, then search with --weights FILE.params");
        }
    }

    @Override
    public EvaluationModel open(SearchRequest r) {
        try {
            return CimPlatformModel.builder().setModel(r.model()).setDataset(r.dataset()).optDatasetDir(r.datasetDir() == null ? null : Path.of(r.datasetDir()))
                    .optWeights(r.weights() == null ? null : Path.of(r.weights()))
                    .optFidelity(Fidelity.valueOf(r.fidelity().toUpperCase(java.util.Locale.ROOT)))
                    .optPreset(HardwarePreset.byName(r.preset())).optNoise(r.noiseSetting())
                    .optGranularity(Granularity.valueOf(r.granularity().toUpperCase(java.util.Locale.ROOT)))
                    .optEvaluationImages(r.evalImages()).optCalibrationImages(r.calibrationImages())
                    .optFoldInputNormalization(r.calibration().foldInput())
                    .optQuantization(r.calibration().quantization())
                    .optArrayConfig(r.spaceChoices().arrayConfig()).optPinFirstLast(r.spaceChoices().pinFirstLast())
                    .build();
        } catch (ModelLoadException | DatasetException | IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
    }
}
