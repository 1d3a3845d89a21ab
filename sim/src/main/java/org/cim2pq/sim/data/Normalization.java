package org.cim2pq.sim.data;

import java.util.Arrays;
import java.util.Locale;

/**
 * Per-channel input normalisation {@code x = (byte / 255 - mean[c]) / std[c]}. It is part of a trained model
 * (written to its provenance and read back on load), because the folded network and every quantizer calibration
 * see normalised inputs: evaluating with other statistics than the training ones silently costs accuracy.
 *
 * <p>The presets are the usual training-set statistics of each data set, rounded to 4 digits.
 *
 * @param mean per channel, in [0, 1] units
 * @param std per channel, positive
 */
public record Normalization(float[] mean, float[] std) {

    /** Fashion-MNIST training set: mean 0.2860, std 0.3530 (60k images). */
    public static final Normalization FASHION_MNIST = new Normalization(new float[] {0.2860f}, new float[] {0.3530f});
    /** CIFAR-10 training set, RGB. */
    public static final Normalization CIFAR10 = new Normalization(new float[] {0.4914f, 0.4822f, 0.4465f},
            new float[] {0.2470f, 0.2435f, 0.2616f});
    /** CIFAR-100 training set, RGB. */
    public static final Normalization CIFAR100 = new Normalization(new float[] {0.5071f, 0.4865f, 0.4409f},
            new float[] {0.2673f, 0.2564f, 0.2762f});

    public Normalization {
        mean = mean.clone();
        std = std.clone();
        if (mean.length == 0 || mean.length != std.length) {
            throw new IllegalArgumentException("normalization needs one mean and one std per channel");
        }
        for (float s : std) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("normalization std must be positive: " + Arrays.toString(std));
            }
        }
    }

    @Override
    public float[] mean() {
        return mean.clone();
    }

    @Override
    public float[] std() {
        return std.clone();
    }

    public int channels() {
        return mean.length;
    }

    /** The normalised value of an unsigned byte in channel {@code c}. */
    public float normalize(int c, int unsignedByte) {
        return (unsignedByte / 255f - mean[c]) / std[c];
    }

    /**
     * Normalises {@code count} images of {@code set} from {@code first} into a new NCHW float array.
     */
    public float[] normalize(ImageSet set, int first, int count) {
        requireChannels(set.channels());
        int hw = set.height() * set.width();
        int n = set.imageBytes();
        float[] out = new float[count * n];
        byte[] raw = new byte[n];
        for (int i = 0; i < count; i++) {
            set.copyImage(first + i, raw, 0);
            for (int j = 0; j < n; j++) {
                out[i * n + j] = normalize(j / hw, raw[j] & 0xff);
            }
        }
        return out;
    }

    /** Throws if this normalisation is for another number of channels than {@code channels}. */
    public void requireChannels(int channels) {
        if (channels != mean.length) {
            throw new IllegalArgumentException("normalization has " + mean.length + " channels, images have "
                    + channels);
        }
    }

    /** {@code 0.2860,0.3530} style text for one vector (provenance files). */
    public static String format(float[] values) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            b.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.6g", values[i]));
        }
        return b.toString();
    }

    /** Inverse of {@link #format}. */
    public static float[] parse(String text) {
        String[] parts = text.split(",");
        float[] v = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            v[i] = Float.parseFloat(parts[i].trim());
        }
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Normalization other && Arrays.equals(mean, other.mean) && Arrays.equals(std, other.std);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return "Normalization[mean=" + format(mean) + ", std=" + format(std) + "]";
    }
}
