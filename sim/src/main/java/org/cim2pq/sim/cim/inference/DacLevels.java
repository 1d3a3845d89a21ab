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
     * @param firstChannel first input channel of the range
     * @param quantizers one per channel of the range
     * @return {@code (N, quantizers.length, H, W)} levels, on {@code maps}' manager
     */
    static NDArray of(NDArray maps, int firstChannel, UniformQuantizer[] quantizers) {
        Shape s = maps.getShape();
        int images = Math.toIntExact(s.get(0));
        int inChannels = Math.toIntExact(s.get(1));
        int plane = Math.toIntExact(s.get(2) * s.get(3));
        int channels = quantizers.length;
        float[] inverse = new float[channels];
        float[] min = new float[channels];
        float[] max = new float[channels];
        for (int c = 0; c < channels; c++) {
            inverse[c] = 1f / quantizers[c].scale();
            min[c] = quantizers[c].min();
            max[c] = quantizers[c].max();
        }
        NDArray out = NativeFloats.empty(maps.getManager(), new Shape(s.get(0), channels, s.get(2), s.get(3)));
        FloatBuffer in = NativeFloats.view(maps);
        FloatBuffer dst = NativeFloats.view(out);
        int length = channels * plane;
        NativeFloats.forEachImageRange(images, (from, to) -> {
            float[] v = new float[length];
            for (int n = from; n < to; n++) {
                in.get((n * inChannels + firstChannel) * plane, v, 0, length);
                for (int c = 0; c < channels; c++) {
                    quantize(v, c * plane, plane, inverse[c], min[c], max[c]);
                }
                dst.put(n * length, v, 0, length);
            }
        });
        return out;
    }

    /** The same quantizer for every channel of the range. */
    static NDArray of(NDArray maps, int firstChannel, int channels, UniformQuantizer quantizer) {
        UniformQuantizer[] q = new UniformQuantizer[channels];
        java.util.Arrays.fill(q, quantizer);
        return of(maps, firstChannel, q);
    }

    /** In place, one plane per call (a small method keeps the loop simple enough for the JIT to unroll). */
    private static void quantize(float[] v, int from, int length, float inverse, float min, float max) {
        for (int i = from, end = from + length; i < end; i++) {
            v[i] = NativeFloats.round(Math.min(Math.max(v[i] * inverse, min), max));
        }
    }
}
