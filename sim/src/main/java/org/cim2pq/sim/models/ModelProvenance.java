package org.cim2pq.sim.models;

import org.cim2pq.sim.data.Normalization;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Where a trained model comes from, in the spirit of Tribuo's provenance: the data, the seed, the training
 * configuration, the code version and the exact command, plus what a loader must know to use the weights (input
 * shape, classes, normalisation) and to trust them (their SHA-256). Stored as a Java properties file next to
 * the weights.
 *
 * @param model architecture id, e.g. {@code resnet8}
 * @param dataset data set id, e.g. {@code fashion-mnist}
 * @param inputShape C, H, W
 * @param classes number of outputs
 * @param normalization input normalisation the weights were trained with
 * @param seed training seed
 * @param epochs training epochs
 * @param batchSize training batch size
 * @param optimizer optimizer and schedule, human readable
 * @param augmentation augmentation, human readable
 * @param testAccuracy top-1 accuracy on {@code testImages} test images
 * @param testImages how many test images {@code testAccuracy} was measured on
 * @param trainingSeconds wall time of the training loop
 * @param codeVersion {@code CodeVersion.current()} of the code that trained
 * @param date ISO-8601 instant the training finished
 * @param command the command line that reproduces the weights
 * @param weightsSha256 hex SHA-256 of the weight file
 */
public record ModelProvenance(String model, String dataset, int[] inputShape, int classes,
                              Normalization normalization, long seed, int epochs, int batchSize, String optimizer,
                              String augmentation, double testAccuracy, int testImages, double trainingSeconds,
                              String codeVersion, String date, String command, String weightsSha256) {

    public ModelProvenance {
        inputShape = inputShape.clone();
        if (inputShape.length != 3) {
            throw new IllegalArgumentException("input shape must be C,H,W");
        }
    }

    @Override
    public int[] inputShape() {
        return inputShape.clone();
    }

    /** A copy with the weight file's hash set (known only after the weights are written). */
    public ModelProvenance withWeightsSha256(String sha256) {
        return new ModelProvenance(model, dataset, inputShape, classes, normalization, seed, epochs, batchSize,
                optimizer, augmentation, testAccuracy, testImages, trainingSeconds, codeVersion, date, command,
                sha256);
    }

    /** Writes the properties, keys sorted, without the timestamp comment {@link Properties#store} would add. */
    public void write(Writer out) throws IOException {
        TreeMap<String, String> p = new TreeMap<>();
        p.put("model", model);
        p.put("dataset", dataset);
        p.put("input.shape", join(inputShape));
        p.put("classes", Integer.toString(classes));
        p.put("normalization.mean", Normalization.format(normalization.mean()));
        p.put("normalization.std", Normalization.format(normalization.std()));
        p.put("seed", Long.toString(seed));
        p.put("epochs", Integer.toString(epochs));
        p.put("batch.size", Integer.toString(batchSize));
        p.put("optimizer", optimizer);
        p.put("augmentation", augmentation);
        p.put("test.accuracy", Double.toString(testAccuracy));
        p.put("test.images", Integer.toString(testImages));
        p.put("training.seconds", String.format(java.util.Locale.ROOT, "%.1f", trainingSeconds));
        p.put("code.version", codeVersion);
        p.put("date", date);
        p.put("command", command);
        p.put("weights.sha256", weightsSha256);
        out.write("# cim2pq trained model provenance\n");
        for (var e : p.entrySet()) {
            // Properties escaping via a one-entry store keeps values with ':' '=' or '\' readable back.
            Properties one = new Properties();
            one.setProperty(e.getKey(), e.getValue());
            StringWriter line = new StringWriter();
            one.store(line, null);
            line.toString().lines().filter(l -> !l.startsWith("#")).forEach(l -> {
                try {
                    out.write(l + "\n");
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            });
        }
    }

    /** Reads what {@link #write} wrote; a missing or malformed key is an {@link IllegalArgumentException}. */
    public static ModelProvenance read(Reader in) throws IOException {
        Properties p = new Properties();
        p.load(in);
        try {
            return new ModelProvenance(get(p, "model"), get(p, "dataset"), parseInts(get(p, "input.shape")),
                    Integer.parseInt(get(p, "classes")),
                    new Normalization(Normalization.parse(get(p, "normalization.mean")),
                            Normalization.parse(get(p, "normalization.std"))),
                    Long.parseLong(get(p, "seed")), Integer.parseInt(get(p, "epochs")),
                    Integer.parseInt(get(p, "batch.size")), get(p, "optimizer"), get(p, "augmentation"),
                    Double.parseDouble(get(p, "test.accuracy")), Integer.parseInt(get(p, "test.images")),
                    Double.parseDouble(get(p, "training.seconds")), get(p, "code.version"), get(p, "date"),
                    get(p, "command"), get(p, "weights.sha256"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("malformed number (" + e.getMessage() + ")", e);
        }
    }

    private static String get(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException("missing key '" + key + "'");
        }
        return v;
    }

    private static String join(int[] v) {
        return String.join(",", Arrays.stream(v).mapToObj(Integer::toString).toList());
    }

    private static int[] parseInts(String s) {
        return Arrays.stream(s.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelProvenance m && model.equals(m.model) && dataset.equals(m.dataset)
                && Arrays.equals(inputShape, m.inputShape) && classes == m.classes
                && normalization.equals(m.normalization) && seed == m.seed && epochs == m.epochs
                && batchSize == m.batchSize && optimizer.equals(m.optimizer) && augmentation.equals(m.augmentation)
                && Double.compare(testAccuracy, m.testAccuracy) == 0 && testImages == m.testImages
                && Double.compare(trainingSeconds, m.trainingSeconds) == 0 && codeVersion.equals(m.codeVersion)
                && date.equals(m.date) && command.equals(m.command) && weightsSha256.equals(m.weightsSha256);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(model, dataset, Arrays.hashCode(inputShape), seed, weightsSha256);
    }
}
