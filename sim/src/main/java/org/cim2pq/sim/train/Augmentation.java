package org.cim2pq.sim.train;

import java.util.SplittableRandom;

/**
 * Training-time augmentation on raw image bytes: a random crop of the image zero-padded by {@code cropPadding}
 * pixels on every side (a shift of up to that many pixels), and a horizontal flip with probability 1/2.
 * Both are cheap in Java and, for Fashion-MNIST clothing and CIFAR objects, label-preserving.
 *
 * @param cropPadding pixels of zero padding before the random crop; 0 disables it
 * @param horizontalFlip whether to flip half of the images left-right
 */
public record Augmentation(int cropPadding, boolean horizontalFlip) {

    public static final Augmentation NONE = new Augmentation(0, false);

    public Augmentation {
        if (cropPadding < 0) {
            throw new IllegalArgumentException("crop padding must be >= 0");
        }
    }

    /** Padding 2 on 28x28 images, 4 on larger ones, plus flips. */
    public static Augmentation standard(int side) {
        return new Augmentation(side <= 28 ? 2 : 4, true);
    }

    public boolean enabled() {
        return cropPadding > 0 || horizontalFlip;
    }

    /**
     * Augments one CHW image from {@code src} into {@code dst} (same size, distinct arrays), drawing from
     * {@code random} exactly three numbers per image so that the stream stays aligned whatever the image.
     */
    public void apply(byte[] src, byte[] dst, int channels, int height, int width, SplittableRandom random) {
        int dy = random.nextInt(2 * cropPadding + 1) - cropPadding;
        int dx = random.nextInt(2 * cropPadding + 1) - cropPadding;
        boolean flip = horizontalFlip && random.nextBoolean();
        for (int c = 0; c < channels; c++) {
            int plane = c * height * width;
            for (int y = 0; y < height; y++) {
                int sy = y + dy;
                for (int x = 0; x < width; x++) {
                    int tx = flip ? width - 1 - x : x;
                    int sx = tx + dx;
                    dst[plane + y * width + x] = sy < 0 || sy >= height || sx < 0 || sx >= width
                            ? 0 : src[plane + sy * width + sx];
                }
            }
        }
    }

    @Override
    public String toString() {
        return enabled() ? "random-crop(pad=" + cropPadding + ")" + (horizontalFlip ? "+hflip" : "") : "none";
    }
}
