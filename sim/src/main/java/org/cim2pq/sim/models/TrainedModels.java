package org.cim2pq.sim.models;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.cim2pq.sim.network.Architecture;
import org.cim2pq.sim.network.FoldableBlock;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Saves and loads trained models: {@code <stem>.params} (DJL's parameter stream of the block) next to
 * {@code <stem>.provenance.properties}.
 *
 * <pre>{@code
 * try (TrainedModel m = TrainedModels.load("resnet8", "fashion-mnist")) {   // the weights shipped in this jar
 *     FoldedNetwork folded = m.fold();                                      // for the CIM platform
 *     float[][] fp = m.logits(testSet, 0, 100);                             // the fp baseline
 * }
 * }</pre>
 *
 * <p>A load checks, in order: both files exist; the weights' SHA-256 is the one the provenance records (catches
 * truncation and swapped files); the parameter stream fits the architecture the provenance names, to the last
 * byte. Each failure is a one-line {@link ModelLoadException}.
 */
public final class TrainedModels {

    /** Class-path folder of the models shipped with cim2pq. */
    public static final String RESOURCE_DIR = "/org/cim2pq/sim/models/";
    public static final String PARAMS_SUFFIX = ".params";
    public static final String PROVENANCE_SUFFIX = ".provenance.properties";

    private TrainedModels() {
    }

    /** The file stem of a shipped model, e.g. {@code resnet8-fashion-mnist}. */
    public static String stem(String model, String dataset) {
        return model + "-" + dataset;
    }

    /** The model shipped in the class path for ({@code model}, {@code dataset}). */
    public static TrainedModel load(String model, String dataset) {
        String base = RESOURCE_DIR + stem(model, dataset);
        byte[] params = resource(base + PARAMS_SUFFIX, model, dataset);
        byte[] provenance = resource(base + PROVENANCE_SUFFIX, model, dataset);
        return load(base + PARAMS_SUFFIX, params, new String(provenance, StandardCharsets.UTF_8));
    }

    /** The model in {@code paramsFile}, with its provenance next to it. */
    public static TrainedModel load(Path paramsFile) {
        Path provenanceFile = provenanceFile(paramsFile);
        for (Path p : new Path[] {paramsFile, provenanceFile}) {
            if (!Files.isRegularFile(p)) {
                throw new ModelLoadException("model file not found: " + p);
            }
        }
        try {
            return load(paramsFile.toString(), Files.readAllBytes(paramsFile),
                    Files.readString(provenanceFile, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ModelLoadException(paramsFile + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** {@code x.params} -> {@code x.provenance.properties}. */
    public static Path provenanceFile(Path paramsFile) {
        String name = paramsFile.getFileName().toString();
        String stem = name.endsWith(PARAMS_SUFFIX) ? name.substring(0, name.length() - PARAMS_SUFFIX.length()) : name;
        return paramsFile.resolveSibling(stem + PROVENANCE_SUFFIX);
    }

    /**
     * Writes {@code block}'s parameters to {@code paramsFile} and the provenance (with the weights' SHA-256 filled
     * in) next to it.
     *
     * @return the provenance as written
     */
    public static ModelProvenance save(FoldableBlock block, ModelProvenance provenance, Path paramsFile)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            block.saveParameters(out);
        }
        byte[] params = bytes.toByteArray();
        ModelProvenance written = provenance.withWeightsSha256(sha256(params));
        Path dir = paramsFile.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Files.write(paramsFile, params);
        try (Writer w = Files.newBufferedWriter(provenanceFile(paramsFile), StandardCharsets.UTF_8)) {
            written.write(w);
        }
        return written;
    }

    static TrainedModel load(String source, byte[] params, String provenanceText) {
        ModelProvenance provenance;
        try (Reader r = new StringReader(provenanceText)) {
            provenance = ModelProvenance.read(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelLoadException(source + ": unreadable provenance (" + e.getMessage() + ")", e);
        }
        String actual = sha256(params);
        if (!actual.equals(provenance.weightsSha256())) {
            throw new ModelLoadException(source + ": weights do not match their provenance (sha256 " + actual
                    + ", provenance says " + provenance.weightsSha256() + "): truncated or replaced file");
        }
        Architecture architecture;
        try {
            architecture = Architecture.byId(provenance.model());
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException(source + ": " + e.getMessage(), e);
        }
        FoldableBlock block = architecture.build(provenance.classes());
        Model model = Model.newInstance(provenance.model());
        try {
            model.setBlock(block);
            int[] chw = provenance.inputShape();
            block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, chw[0], chw[1], chw[2]));
            // DJL replaces each parameter's array with what the stream holds, whatever its shape: remember the
            // shapes the architecture expects and compare after loading.
            java.util.Map<String, Shape> expected = new java.util.LinkedHashMap<>();
            block.getParameters().forEach(p -> expected.put(p.getKey(), p.getValue().getArray().getShape()));
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(params))) {
                block.loadParameters(model.getNDManager(), in);
                block.getParameters().forEach(p -> {
                    Shape loaded = p.getValue().getArray().getShape();
                    if (!loaded.equals(expected.get(p.getKey()))) {
                        throw new ModelLoadException(source + ": not " + provenance.model() + " weights for "
                                + provenance.dataset() + " (parameter " + p.getKey() + " has shape " + loaded
                                + ", the architecture needs " + expected.get(p.getKey()) + ")");
                    }
                });
                if (in.read() != -1) {
                    throw new ModelLoadException(source + ": not " + provenance.model() + " weights for "
                            + provenance.dataset() + " (bytes left over after the last parameter)");
                }
            }
            return new TrainedModel(model, block, provenance);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            if (e instanceof ModelLoadException m) {
                throw m;
            }
            throw new ModelLoadException(source + ": not " + provenance.model() + " weights for "
                    + provenance.dataset() + " (" + oneLine(e) + ")", e);
        }
    }

    private static byte[] resource(String path, String model, String dataset) {
        try (InputStream in = TrainedModels.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new ModelLoadException("no trained " + model + " for " + dataset + " in cim2pq (missing "
                        + path + "); train one with `cim2pq train --model " + model + " --dataset " + dataset
                        + " --out FILE`");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ModelLoadException(path + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }

}
