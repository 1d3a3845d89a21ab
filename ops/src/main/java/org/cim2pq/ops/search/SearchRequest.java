package org.cim2pq.ops.search;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cim2pq.actors.evaluation.EvaluationModel;
import org.cim2pq.ops.input.UserError;
import org.cim2pq.persistence.event.SearchEvent;
import org.cim2pq.actors.search.SearchDefinition;
import org.cim2pq.actors.search.SearchSettings;
import org.cim2pq.engine.selection.QuotaPolicy;
import org.cim2pq.engine.random.DrawKey;
import org.cim2pq.engine.random.Purpose;
import org.cim2pq.sim.cim.cost.HardwarePreset;
import org.cim2pq.sim.cim.noise.NoiseProfile;
import org.cim2pq.sim.cim.noise.NoiseSetting;

/**
 * Everything that defines a search, as the user asked for it. Rendered to canonical JSON it is the
 * {@code config} recorded in the search's provenance; {@code resume} parses it back, so a resumed search is
 * rebuilt from the journal alone. {@code weights} (a file written by {@code cim2pq train}) and {@code datasetDir}
 * are null for the shipped weights and the data set's default folder, and are then left out of the JSON, so the
 * configuration of a search that uses neither reads as it always did. {@code preset} (the hardware preset, e.g.
 * {@code isaac-32nm}) is left out when it is the default, for the same reason: a configuration without it means the
 * default preset. {@code calibration} writes only the choices that are on ({@link Calibration}). {@code rescore} names
 * the machine the front is re-scored on when the search completes ({@code bitserial} for a psum search used as its
 * proxy; empty for none, then left out). {@code noise} (a noise profile, e.g. {@code typical-rram}) and
 * {@code noiseDraws} are left out when the profile is {@code ideal}, so configurations from before profiles read as
 * the ideal machine. {@code heldOut} says on how many test images outside the search subset the front is evaluated
 * again when the search completes (METHOD.md section 5): {@code all} (every one, the command line's default), a
 * number, or {@code none}; {@code none} is left out, so configurations from before held-out fronts read as none.
 * {@code quota} and {@code delta} are qNSGA-III's reserved fraction q and accuracy tolerance (error points), left
 * out at their METHOD.md defaults (0.2, 5), as every configuration before them had them. {@code spaceChoices} are
 * the arrays, the pinned layers and whether the mutation is biased by measured sensitivity ({@link SpaceChoices}),
 * each written only when it is not what configurations before them meant.
 */
public record SearchRequest(String id, String model, String dataset, long seed, int population, int generations,
                            String granularity, String selection, String fidelity, int evalImages,
                            int calibrationImages, String weights, String datasetDir, String preset,
                            Calibration calibration, String rescore, String noise, int noiseDraws, String heldOut,
                            double quota, double delta, SpaceChoices spaceChoices) {

    /** Every test image outside the search subset is held out. */
    public static final String HELD_OUT_ALL = "all";
    /** No held-out re-evaluation (every search before them). */
    public static final String HELD_OUT_NONE = "none";

    public SearchRequest {
        java.util.Objects.requireNonNull(calibration, "calibration");
        java.util.Objects.requireNonNull(spaceChoices, "spaceChoices");
        rescore = rescore == null ? "" : rescore;
        noise = noise == null ? NoiseProfile.DEFAULT : noise;
        heldOut = heldOut == null ? HELD_OUT_NONE : heldOut;
        if (!heldOut.equals(HELD_OUT_ALL) && !heldOut.equals(HELD_OUT_NONE) && !heldOut.matches("[1-9][0-9]{0,8}")) {
            throw new IllegalArgumentException("held-out images must be all, none or a positive number, got '"
                    + heldOut + "'");
        }
        if (!(quota >= 0 && quota <= 1) || !(delta >= 0) || Double.isInfinite(delta)) {
            throw new IllegalArgumentException("quota must be in [0, 1] and delta a finite number >= 0, got "
                    + quota + ", " + delta);
        }
    }

    /** A request on the METHOD.md arrays, nothing pinned, the mutation unbiased ({@link SpaceChoices#NONE}). */
    public SearchRequest(String id, String model, String dataset, long seed, int population, int generations,
                         String granularity, String selection, String fidelity, int evalImages,
                         int calibrationImages, String weights, String datasetDir, String preset,
                         Calibration calibration, String rescore, String noise, int noiseDraws, String heldOut,
                         double quota, double delta) {
        this(id, model, dataset, seed, population, generations, granularity, selection, fidelity, evalImages,
                calibrationImages, weights, datasetDir, preset, calibration, rescore, noise, noiseDraws, heldOut,
                quota, delta, SpaceChoices.NONE);
    }

    /** A request with qNSGA-III's default quota and accuracy tolerance (METHOD.md). */
    public SearchRequest(String id, String model, String dataset, long seed, int population, int generations,
                         String granularity, String selection, String fidelity, int evalImages,
                         int calibrationImages, String weights, String datasetDir, String preset,
                         Calibration calibration, String rescore, String noise, int noiseDraws, String heldOut) {
        this(id, model, dataset, seed, population, generations, granularity, selection, fidelity, evalImages,
                calibrationImages, weights, datasetDir, preset, calibration, rescore, noise, noiseDraws, heldOut,
                QuotaPolicy.DEFAULT_QUOTA, QuotaPolicy.DEFAULT_TOLERANCE);
    }

    /** A request whose front is not evaluated on held-out images. */
    public SearchRequest(String id, String model, String dataset, long seed, int population, int generations,
                         String granularity, String selection, String fidelity, int evalImages,
                         int calibrationImages, String weights, String datasetDir, String preset,
                         Calibration calibration, String rescore, String noise, int noiseDraws) {
        this(id, model, dataset, seed, population, generations, granularity, selection, fidelity, evalImages,
                calibrationImages, weights, datasetDir, preset, calibration, rescore, noise, noiseDraws, HELD_OUT_NONE);
    }

    /** A request on the ideal machine (no non-idealities). */
    public SearchRequest(String id, String model, String dataset, long seed, int population, int generations,
                         String granularity, String selection, String fidelity, int evalImages,
                         int calibrationImages, String weights, String datasetDir, String preset,
                         Calibration calibration, String rescore) {
        this(id, model, dataset, seed, population, generations, granularity, selection, fidelity, evalImages,
                calibrationImages, weights, datasetDir, preset, calibration, rescore, NoiseProfile.DEFAULT,
                NoiseSetting.DEFAULT_DRAWS);
    }

    /** A request on the default hardware preset and calibration, front not re-scored. */
    public SearchRequest(String id, String model, String dataset, long seed, int population, int generations,
                         String granularity, String selection, String fidelity, int evalImages,
                         int calibrationImages, String weights, String datasetDir) {
        this(id, model, dataset, seed, population, generations, granularity, selection, fidelity, evalImages,
                calibrationImages, weights, datasetDir, HardwarePreset.DEFAULT);
    }

    /** A request on the default calibration, front not re-scored. */
    public SearchRequest(String id, String model, String dataset, long seed, int population, int generations,
                         String granularity, String selection, String fidelity, int evalImages,
                         int calibrationImages, String weights, String datasetDir, String preset) {
        this(id, model, dataset, seed, population, generations, granularity, selection, fidelity, evalImages,
                calibrationImages, weights, datasetDir, preset, Calibration.DEFAULT, "");
    }

    /** Whether the front is re-scored on another machine when the search completes. */
    public boolean rescores() {
        return !rescore.isEmpty();
    }

    /** Whether the front is evaluated on held-out images when the search completes. */
    public boolean holdsOut() {
        return !heldOut.equals(HELD_OUT_NONE);
    }

    /**
     * The search this request defines on {@code model}, the one way every search is started ({@code search},
     * {@code resume}, {@code search --cluster}): a new one ({@code existing} null) with its per-tile sensitivity
     * measured now when the request asks for it (METHOD.md section 4: once, on the calibration images, and
     * deterministic, so a client measures what every node would); a journaled one continued with the method revision
     * and the sensitivity it started with, read back from its start.
     */
    public SearchDefinition definition(EvaluationModel model, int snapshotEvery, SearchEvent.SearchStarted existing,
            PrintStream out) {
        SearchSettings settings = existing == null ? settings(snapshotEvery)
                : settings(snapshotEvery).withMethod(existing.method());
        SearchDefinition asked = new SearchDefinition(id, model, settings, toJson(), reevaluations(model));
        if (existing != null) {
            return asked.withSensitivityOf(existing);
        }
        return spaceChoices.sensitivity() ? asked.withSensitivity(measureSensitivity(model, out)) : asked;
    }

    private double[] measureSensitivity(EvaluationModel model, PrintStream out) {
        long t0 = System.nanoTime();
        double[] s = model.tileSensitivity();
        if (s == null) {
            throw new UserError(model.name() + " measures no sensitivity; search it with --sensitivity=false");
        }
        out.printf(Locale.ROOT, "search %s: sensitivity of %d arrays measured on %d calibration images in %.1f s%n",
                id, s.length, calibrationImages, (System.nanoTime() - t0) / 1e9);
        return s;
    }

    /**
     * The protocols the completed front is evaluated again under, as the search's start records them: re-scored on
     * {@code rescore}'s machine, then on the held-out images ({@code all}: every test image of {@code model}'s data
     * set outside its search subset; none when there is none) on the machine the front is reported on.
     */
    public List<SearchEvent.EvaluationProtocol> reevaluations(EvaluationModel model) {
        List<SearchEvent.EvaluationProtocol> out = new ArrayList<>();
        if (rescores()) {
            out.add(SearchEvent.EvaluationProtocol.rescoring(rescore, model.platform()));
        }
        if (holdsOut()) {
            int available = model.heldOutImages();
            int images = heldOut.equals(HELD_OUT_ALL) ? available : Integer.parseInt(heldOut);
            if (images > available) {
                throw new UserError("--held-out " + heldOut + ": only " + available + " test images lie outside the"
                        + " search subset of " + evalImages + " (use all, or fewer)");
            }
            if (images > 0) {
                out.add(SearchEvent.EvaluationProtocol.heldOut(rescores() ? rescore : fidelity, model.platform(), images));
            }
        }
        return out;
    }

    /** The canonical JSON form (fixed key order), stored in SearchStarted.provenance.config. */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model);
        m.put("dataset", dataset);
        m.put("seed", seed);
        m.put("population", population);
        m.put("generations", generations);
        m.put("granularity", granularity);
        m.put("selection", selection);
        m.put("fidelity", fidelity);
        m.put("eval-images", evalImages);
        m.put("calibration-images", calibrationImages);
        if (weights != null) {
            m.put("weights", weights);
        }
        if (datasetDir != null) {
            m.put("dataset-dir", datasetDir);
        }
        if (!HardwarePreset.DEFAULT.equals(preset)) {
            m.put("preset", preset);
        }
        calibration.writeTo(m);
        if (rescores()) {
            m.put("rescore", rescore);
        }
        if (!NoiseProfile.DEFAULT.equals(noise)) {
            m.put("noise", noise);
            m.put("noise-draws", noiseDraws);
        }
        if (holdsOut()) {
            m.put("held-out", heldOut);
        }
        if (quota != QuotaPolicy.DEFAULT_QUOTA) {
            m.put("quota", quota);
        }
        if (delta != QuotaPolicy.DEFAULT_TOLERANCE) {
            m.put("delta", delta);
        }
        spaceChoices.writeTo(m);
        return ConfigValueFactory.fromMap(m).render(ConfigRenderOptions.concise());
    }

    public static SearchRequest fromJson(String id, String json) {
        Config c = ConfigFactory.parseString(json);
        return new SearchRequest(id, c.getString("model"), c.getString("dataset"), c.getLong("seed"),
                c.getInt("population"), c.getInt("generations"), c.getString("granularity"), c.getString("selection"),
                c.getString("fidelity"), c.getInt("eval-images"), c.getInt("calibration-images"),
                c.hasPath("weights") ? c.getString("weights") : null,
                c.hasPath("dataset-dir") ? c.getString("dataset-dir") : null,
                c.hasPath("preset") ? c.getString("preset") : HardwarePreset.DEFAULT, Calibration.readFrom(c),
                c.hasPath("rescore") ? c.getString("rescore") : "",
                c.hasPath("noise") ? c.getString("noise") : NoiseProfile.DEFAULT,
                c.hasPath("noise-draws") ? c.getInt("noise-draws") : NoiseSetting.DEFAULT_DRAWS,
                c.hasPath("held-out") ? c.getString("held-out") : HELD_OUT_NONE,
                c.hasPath("quota") ? c.getDouble("quota") : QuotaPolicy.DEFAULT_QUOTA,
                c.hasPath("delta") ? c.getDouble("delta") : QuotaPolicy.DEFAULT_TOLERANCE, SpaceChoices.readFrom(c));
    }

    /** The non-idealities, their draws keyed by the search seed's noise stream. */
    public NoiseSetting noiseSetting() {
        return new NoiseSetting(NoiseProfile.byName(noise), noiseDraws,
                DrawKey.of(seed, 0, Purpose.NOISE, 0).hash());
    }

    public SearchSettings settings(int snapshotEvery) {
        return SearchSettings.of(seed, population, generations).withSelection(selection).withQuota(quota, delta)
                .withSnapshotEvery(snapshotEvery);
    }
}
