package org.cim2pq.sim.cim.inference;

import java.nio.FloatBuffer;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The digital side of a layer in {@code psum} fidelity, in one pass over memory: every row block's partial sums
 * go through their tiles' ADCs ({@code round(clamp(p, -L, L))}, the gain already folded into the weights), are
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
     * Per row block and output channel: the ADC's largest level ({@link Float#POSITIVE_INFINITY} for a lossless
     * ADC, whose integer sums pass unchanged) and the step that dequantizes a level.
     */
    record Adc(float[][] limit, float[][] step) {}

    private PartialSumReadout() {}

    /**
     * @param parts in ascending row-block order; row block 0's parts cover every output channel
     * @param bias per output channel
     * @param outShape {@code (N, outChannels, H, W)}
     * @param clippingImages count saturated conversions on images {@code 0 .. clippingImages-1}
     * @param clipped per row block and output channel, the counts are added here (null: do not count)
     * @return the layer output, a new tensor on {@code manager}
     */
    static NDArray run(List<Part> parts, Adc adc, float[] bias, Shape outShape, int clippingImages,
                       double[][] clipped, NDManager manager) {
        int images = Math.toIntExact(outShape.get(0));
        int outChannels = Math.toIntExact(outShape.get(1));
        int plane = Math.toIntExact(outShape.get(2) * outShape.get(3));
        int length = outChannels * plane;
        if (parts.isEmpty() || parts.get(0).rowBlock() != 0) {
            throw new IllegalArgumentException("row block 0 must come first");
        }
        NDArray out = NativeFloats.empty(manager, outShape);
        FloatBuffer dst = NativeFloats.view(out);
        FloatBuffer[] src = new FloatBuffer[parts.size()];
        for (int i = 0; i < src.length; i++) {
            src[i] = NativeFloats.view(parts.get(i).sums());
        }
        int rowBlocks = adc.limit().length;
        NativeFloats.forEachImageRange(images, (from, to) -> {
            // a part's sums land at their channels' place in v, so v[i] pairs with acc[i]: with one index for
            // both arrays the JIT vectorizes the loops (about 6x faster than with two offsets)
            float[] acc = new float[length];
            float[] v = new float[length];
            double[][] counts = clipped == null ? null : new double[rowBlocks][outChannels];
            for (int n = from; n < to; n++) {
                boolean count = counts != null && n < clippingImages;
                for (int p = 0; p < src.length; p++) {
                    Part part = parts.get(p);
                    int r = part.rowBlock();
                    src[p].get(part.offset() + n * part.imageStride(), v, part.firstChannel() * plane,
                            part.channels() * plane);
                    for (int ch = part.firstChannel(); ch < part.firstChannel() + part.channels(); ch++) {
                        float limit = adc.limit()[r][ch];
                        float step = adc.step()[r][ch];
                        if (limit == Float.POSITIVE_INFINITY) {
                            lossless(v, acc, ch * plane, plane, step, r == 0);
                        } else {
                            if (count) {
                                counts[r][ch] += saturated(v, ch * plane, plane, limit + 0.5f);
                            }
                            convert(v, acc, ch * plane, plane, limit, step, r == 0);
                        }
                    }
                }
                for (int ch = 0; ch < outChannels; ch++) {
                    addBias(acc, ch * plane, plane, bias[ch]);
                }
                dst.put(n * length, acc, 0, length);
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
        return out;
    }

    // One plane (an output channel of one image) per call: small methods keep each loop simple enough for the JIT
    // to unroll and vectorize.

    /** {@code acc (=|+=) round(clamp(v, -limit, limit)) * step}: an ADC conversion and its dequantization. */
    private static void convert(float[] v, float[] acc, int from, int length, float limit, float step,
                                boolean first) {
        float low = -limit;
        int end = from + length;
        if (first) {
            for (int i = from; i < end; i++) {
                acc[i] = NativeFloats.round(Math.min(Math.max(v[i], low), limit)) * step;
            }
        } else {
            for (int i = from; i < end; i++) {
                acc[i] += NativeFloats.round(Math.min(Math.max(v[i], low), limit)) * step;
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

    /** Values beyond {@code edge} (the largest level + 1/2) round to a level beyond the ADC's range. */
    private static int saturated(float[] v, int from, int length, float edge) {
        int n = 0;
        for (int i = from, end = from + length; i < end; i++) {
            n += Math.abs(v[i]) > edge ? 1 : 0;
        }
        return n;
    }

    private static void addBias(float[] acc, int from, int length, float bias) {
        for (int i = from, end = from + length; i < end; i++) {
            acc[i] += bias;
        }
    }
}
