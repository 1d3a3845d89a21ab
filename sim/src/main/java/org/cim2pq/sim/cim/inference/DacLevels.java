package org.cim2pq.sim.cim.inference;

import java.nio.FloatBuffer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

import org.cim2pq.sim.cim.quant.UniformQuantizer;

/**
 * A channel range of a layer input as the integer levels its DACs apply, {@code round(clamp(x * (1/s), min, max))}
 * with each channel's own quantizer, written in one pass into a new contiguous tensor (the row block's crossbar
 * input, ready for its convolution without a slicing copy).
 */
final class DacLevels {

    private DacLevels() {}

    /**
     * @param maps NCHW input
     * @param fromImage first image of the range
     * @param images images in the range
     * @param firstChannel first input channel of the range
     * @param quantizers one per channel of the range
     * @return {@code (images, quantizers.length, H, W)} levels, on {@code maps}' manager
     */
    static NDArray of(NDArray maps, int fromImage, int images, int firstChannel, UniformQuantizer[] quantizers) {
        Shape s = maps.getShape();
        int inChannels = Math.toIntExact(s.get(1));
        int plane = Math.toIntExact(s.get(2) * s.get(3));
        int channels = quantizers.length;
        int length = channels * plane;
        // each channel's quantizer spread over its plane: one loop over the image, same index in every array
        float[] inverse = new float[length];
        float[] min = new float[length];
        float[] max = new float[length];
        for (int c = 0; c < channels; c++) {
            java.util.Arrays.fill(inverse, c * plane, (c + 1) * plane, 1f / quantizers[c].scale());
            java.util.Arrays.fill(min, c * plane, (c + 1) * plane, quantizers[c].min());
            java.util.Arrays.fill(max, c * plane, (c + 1) * plane, quantizers[c].max());
        }
        NDArray out = NativeFloats.empty(maps.getManager(), new Shape(images, channels, s.get(2), s.get(3)));
        FloatBuffer in = NativeFloats.view(maps);
        FloatBuffer dst = NativeFloats.view(out);
        NativeFloats.forEachImageRange(images, (from, to) -> {
            float[] v = new float[length];
            for (int n = from; n < to; n++) {
                in.get(((fromImage + n) * inChannels + firstChannel) * plane, v, 0, length);
                quantize(v, inverse, min, max);
                dst.put(n * length, v, 0, length);
            }
        });
        return out;
    }

    /** The same quantizer for every channel of the range. */
    static NDArray of(NDArray maps, int fromImage, int images, int firstChannel, int channels,
                      UniformQuantizer quantizer) {
        UniformQuantizer[] q = new UniformQuantizer[channels];
        java.util.Arrays.fill(q, quantizer);
        return of(maps, fromImage, images, firstChannel, q);
    }

    /** In place over one image (a small method with one index keeps the loop simple enough to vectorize). */
    private static void quantize(float[] v, float[] inverse, float[] min, float[] max) {
        for (int i = 0; i < v.length; i++) {
            v[i] = NativeFloats.round(Math.min(Math.max(v[i] * inverse[i], min[i]), max[i]));
        }
    }
}
