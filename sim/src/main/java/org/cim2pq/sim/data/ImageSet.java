package org.cim2pq.sim.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * A labelled set of 8-bit images, stored as raw bytes in NCHW order (one image is {@code channels * height *
 * width} consecutive bytes, channel-major). Raw bytes keep 60k Fashion-MNIST images in 47 MB and leave
 * normalisation and augmentation to the consumer; see {@link Normalization#normalize}.
 *
 * <p>Immutable: the arrays are copied in and never handed out.
 */
public final class ImageSet {

    private final String name;
    private final int channels;
    private final int height;
    private final int width;
    private final int classes;
    private final byte[] pixels;
    private final int[] labels;

    /**
     * @param name what the set is, e.g. {@code fashion-mnist/train}
     * @param channels C
     * @param height H
     * @param width W
     * @param classes number of classes; every label is in {@code [0, classes)}
     * @param pixels {@code labels.length * C * H * W} bytes, unsigned 0..255
     * @param labels one class index per image
     */
    public ImageSet(String name, int channels, int height, int width, int classes, byte[] pixels, int[] labels) {
        this(name, channels, height, width, classes, pixels.clone(), labels.clone(), true);
    }

    private ImageSet(String name, int channels, int height, int width, int classes, byte[] pixels, int[] labels,
                     boolean validate) {
        this.name = Objects.requireNonNull(name, "name");
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.classes = classes;
        this.pixels = pixels;
        this.labels = labels;
        if (validate) {
            if (channels <= 0 || height <= 0 || width <= 0 || classes <= 0) {
                throw new IllegalArgumentException(name + ": non-positive shape or class count");
            }
            if ((long) labels.length * imageBytes() != pixels.length) {
                throw new IllegalArgumentException(name + ": " + pixels.length + " pixel bytes for " + labels.length
                        + " images of " + imageBytes() + " bytes");
            }
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] < 0 || labels[i] >= classes) {
                    throw new IllegalArgumentException(name + ": label " + labels[i] + " of image " + i
                            + " is outside [0, " + classes + ")");
                }
            }
        }
    }

    /** Wraps arrays the caller promises never to touch again (the readers of this package), after the same checks. */
    static ImageSet adopt(String name, int channels, int height, int width, int classes, byte[] pixels, int[] labels) {
        return new ImageSet(name, channels, height, width, classes, pixels, labels, true);
    }

    public String name() {
        return name;
    }

    public int size() {
        return labels.length;
    }

    public int channels() {
        return channels;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public int classes() {
        return classes;
    }

    /** Bytes of one image: C * H * W. */
    public int imageBytes() {
        return channels * height * width;
    }

    /** {C, H, W}. */
    public int[] imageShape() {
        return new int[] {channels, height, width};
    }

    public int label(int image) {
        return labels[image];
    }

    /** All labels, in order (a copy). */
    public int[] labels() {
        return labels.clone();
    }

    /** Unsigned value 0..255 of one byte of one image ({@code offset} in CHW order). */
    public int pixel(int image, int offset) {
        return pixels[image * imageBytes() + offset] & 0xff;
    }

    /** Copies the raw bytes of one image into {@code dst} at {@code dstOffset}. */
    public void copyImage(int image, byte[] dst, int dstOffset) {
        System.arraycopy(pixels, image * imageBytes(), dst, dstOffset, imageBytes());
    }

    /** The images at {@code indices}, in that order; named {@code name + suffix}. */
    public ImageSet subset(int[] indices, String suffix) {
        int n = imageBytes();
        byte[] p = new byte[indices.length * n];
        int[] l = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            int src = indices[i];
            if (src < 0 || src >= size()) {
                throw new IndexOutOfBoundsException(name + ": image " + src + " of " + size());
            }
            System.arraycopy(pixels, src * n, p, i * n, n);
            l[i] = labels[src];
        }
        return new ImageSet(name + suffix, channels, height, width, classes, p, l, false);
    }

    /** The first {@code count} images (tests and quick runs). */
    public ImageSet head(int count) {
        int[] idx = new int[Math.min(count, size())];
        Arrays.setAll(idx, i -> i);
        return subset(idx, "[:" + idx.length + "]");
    }

    @Override
    public String toString() {
        return name + " (" + size() + " x " + channels + "x" + height + "x" + width + ", " + classes + " classes)";
    }
}
