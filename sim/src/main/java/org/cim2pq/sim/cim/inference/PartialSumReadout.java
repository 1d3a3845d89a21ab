package org.cim2pq.sim.cim.inference;

import java.nio.FloatBuffer;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * The digital side of a layer in {@code psum} fidelity on the DJL path, in one pass over memory: every row block's
 * partial sums go through their tiles' ADCs ({@code round(clamp(p * gain, -L, L))}), are
 * dequantized with the per-channel step, summed over row blocks in row-block order, and the bias is added (as
 * separate tensor ops, five passes over every partial sum). Counts saturated conversions on the first images on
 * the way.
 */
final class PartialSumReadout {

    /**
     * One convolution output feeding the readout: the partial sums of row block {@code rowBlock} for output channels
     * {@code firstChannel .. firstChannel+channels-1}, image {@code n}'s first one at {@code offset + n *
     * imageStride} in {@code sums}.
     */
    record Part(int rowBlock, NDArray sums, int imageStride, int offset, int firstChannel, int channels) {}

    /**
     * Per row block and output channel: the gain from a partial sum to ADC levels, the ADC's largest level
     * ({@link Float#POSITIVE_INFINITY} for a lossless ADC, whose integer sums pass unchanged) and the step that
     * dequantizes a level.
     */
    record Adc(float[][] gain, float[][] limit, float[][] step) {}

    private PartialSumReadout() {}

    /**
     * Writes images {@code firstImage .. firstImage+images-1} of the layer output {@code out}.
     *
     * @param parts in ascending row-block order, holding those images; row block 0's parts cover every channel
     * @param bias per output channel
     * @param out the layer output {@code (N, outChannels, H, W)}, made by {@link NativeFloats#empty}
     * @param clippingImages count saturated conversions on output images {@code 0 .. clippingImages-1}
     * @param clipped per row block and output channel, the counts are added here (null: do not count)
     */
    static void run(List<Part> parts, Adc adc, float[] bias, NDArray out, int firstImage, int images,
                    int clippingImages, double[][] clipped) {
        Shape outShape = out.getShape();
        int outChannels = Math.toIntExact(outShape.get(1));
        int plane = Math.toIntExact(outShape.get(2) * outShape.get(3));
        int length = outChannels * plane;
        if (parts.isEmpty() || parts.get(0).rowBlock() != 0) {
            throw new IllegalArgumentException("row block 0 must come first");
        }
        FloatBuffer dst = NativeFloats.view(out);
        FloatBuffer[] src = new FloatBuffer[parts.size()];
        for (int i = 0; i < src.length; i++) {
            src[i] = NativeFloats.view(parts.get(i).sums());
        }
        int rowBlocks = adc.limit().length;
        // per part whose ADCs are all lossy: limit and step spread over each channel's plane, at the channels'
        // place, so one loop covers the part (small planes, e.g. 7x7, would otherwise cost a call per channel)
        float[][] gains = new float[parts.size()][];
        float[][] limits = new float[parts.size()][];
        float[][] steps = new float[parts.size()][];
        for (int p = 0; p < parts.size(); p++) {
            Part part = parts.get(p);
            boolean lossy = true;
            for (int ch = part.firstChannel(); ch < part.firstChannel() + part.channels(); ch++) {
                lossy &= adc.limit()[part.rowBlock()][ch] != Float.POSITIVE_INFINITY;
            }
            if (lossy) {
                gains[p] = new float[length];
                limits[p] = new float[length];
                steps[p] = new float[length];
                for (int ch = part.firstChannel(); ch < part.firstChannel() + part.channels(); ch++) {
                    java.util.Arrays.fill(gains[p], ch * plane, (ch + 1) * plane, adc.gain()[part.rowBlock()][ch]);
                    java.util.Arrays.fill(limits[p], ch * plane, (ch + 1) * plane, adc.limit()[part.rowBlock()][ch]);
                    java.util.Arrays.fill(steps[p], ch * plane, (ch + 1) * plane, adc.step()[part.rowBlock()][ch]);
                }
            }
        }
        float[] biases = new float[length];
        for (int ch = 0; ch < outChannels; ch++) {
            java.util.Arrays.fill(biases, ch * plane, (ch + 1) * plane, bias[ch]);
        }
        NativeFloats.forEachImageRange(images, (from, to) -> {
            // a part's sums land at their channels' place in v, so v[i] pairs with acc[i]: with one index for
            // both arrays the JIT vectorizes the loops (docs/sim-benchmarks.md has the measurement)
            float[] acc = new float[length];
            float[] v = new float[length];
            double[][] counts = clipped == null ? null : new double[rowBlocks][outChannels];
            for (int n = from; n < to; n++) {
                boolean count = counts != null && firstImage + n < clippingImages;
                for (int p = 0; p < src.length; p++) {
                    Part part = parts.get(p);
                    int r = part.rowBlock();
                    src[p].get(part.offset() + n * part.imageStride(), v, part.firstChannel() * plane,
                            part.channels() * plane);
                    int first = part.firstChannel() * plane;
                    int end = first + part.channels() * plane;
                    for (int ch = part.firstChannel(); ch < part.firstChannel() + part.channels(); ch++) {
                        float limit = adc.limit()[r][ch];
                        float gain = adc.gain()[r][ch];
                        if (count && limit != Float.POSITIVE_INFINITY) {
                            counts[r][ch] += saturated(v, ch * plane, plane, gain, limit + 0.5f);
                        }
                        if (limits[p] == null) {
                            float step = adc.step()[r][ch];
                            if (limit == Float.POSITIVE_INFINITY) {
                                lossless(v, acc, ch * plane, plane, step, r == 0);
                            } else {
                                convert(v, acc, ch * plane, plane, gain, limit, step, r == 0);
                            }
                        }
                    }
                    if (limits[p] != null) {
                        convert(v, acc, first, end, gains[p], limits[p], steps[p], r == 0);
                    }
                }
                addBias(acc, biases);
                dst.put((firstImage + n) * length, acc, 0, length);
            }
            if (counts != null) {
                synchronized (clipped) {
                    for (int r = 0; r < rowBlocks; r++) {
                        for (int ch = 0; ch < outChannels; ch++) {
                            clipped[r][ch] += counts[r][ch];
                        }
                    }
                }
            }
        });
    }

    // One plane (an output channel of one image) per call: small methods keep each loop simple enough for the JIT
    // to unroll and vectorize.

    /** {@code acc (=|+=) round(clamp(v * gain, -limit, limit)) * step}: an ADC conversion and its dequantization. */
    private static void convert(float[] v, float[] acc, int from, int length, float gain, float limit, float step,
                                boolean first) {
        float low = -limit;
        int end = from + length;
        if (first) {
            for (int i = from; i < end; i++) {
                acc[i] = NativeFloats.round(Math.min(Math.max(v[i] * gain, low), limit)) * step;
            }
        } else {
            for (int i = from; i < end; i++) {
                acc[i] += NativeFloats.round(Math.min(Math.max(v[i] * gain, low), limit)) * step;
            }
        }
    }

    /** As {@link #convert(float[], float[], int, int, float, float, float, boolean)} over {@code from .. end-1},
     *  with a gain, limit and step per element. */
    private static void convert(float[] v, float[] acc, int from, int end, float[] gain, float[] limit,
                                float[] step, boolean first) {
        if (first) {
            for (int i = from; i < end; i++) {
                acc[i] = NativeFloats.round(Math.min(Math.max(v[i] * gain[i], -limit[i]), limit[i])) * step[i];
            }
        } else {
            for (int i = from; i < end; i++) {
                acc[i] += NativeFloats.round(Math.min(Math.max(v[i] * gain[i], -limit[i]), limit[i])) * step[i];
            }
        }
    }

    /** {@code acc (=|+=) v * step}: a lossless ADC passes the exact integer sum. */
    private static void lossless(float[] v, float[] acc, int from, int length, float step, boolean first) {
        int end = from + length;
        if (first) {
            for (int i = from; i < end; i++) {
                acc[i] = v[i] * step;
            }
        } else {
            for (int i = from; i < end; i++) {
                acc[i] += v[i] * step;
            }
        }
    }

    /** Levels {@code v * gain} beyond {@code edge} (the largest level + 1/2) round beyond the ADC's range. */
    private static int saturated(float[] v, int from, int length, float gain, float edge) {
        int n = 0;
        for (int i = from, end = from + length; i < end; i++) {
            n += Math.abs(v[i] * gain) > edge ? 1 : 0;
        }
        return n;
    }

    private static void addBias(float[] acc, float[] bias) {
        for (int i = 0; i < acc.length; i++) {
            acc[i] += bias[i];
        }
    }
}
