package org.cim2pq.sim.cim.inference;

import java.nio.FloatBuffer;
import java.util.List;

import ai.djl.ndarray.NDArray;

/**
 * A psum-fidelity layer as one native kernel ({@code sim/src/main/c}): DAC levels, crossbar partial sums, ADCs,
 * dequantization, the row-block sum and the bias for one image at a time, so no partial sum is ever written to
 * memory. The DJL path writes every row block's partial sums as a tensor and reads them back, which made psum
 * evaluation cost about twice the FP forward pass (docs/sim-benchmarks.md).
 *
 * <p>It computes exactly what {@link ArraywiseInference}'s DJL path computes, bit for bit (PartialSumKernelTest):
 * partial sums are sums of integer products below 2^24, exact in any order, and every other step is the same float
 * operation in the same order. Part of {@link NativeKernels}; where they are not built or cannot load, the DJL path
 * runs, with the same results.
 */
final class PartialSumKernel {

    private PartialSumKernel() {}

    /**
     * One convolution of a layer: row block {@code rowBlock}'s input channels through the DAC {@code dac}, with the
     * integer weight levels of output channels {@code firstOutChannel ..}, laid out {@code (rows, outChannels)} with
     * {@code row = (inChannel * k + ky) * k + kx}.
     */
    record Convolution(int rowBlock, int firstInChannel, int inChannels, int firstOutChannel, int outChannels,
                       float inverseScale, int minLevel, int maxLevel, float[] weights) {}

    /**
     * Writes the layer output {@code out} {@code (N, outChannels, outHeight, outWidth)} for the input {@code maps}
     * {@code (N, inChannels, height, width)}, images split over the cores.
     *
     * @param convolutions in ascending row-block order; row block 0's cover every output channel
     * @param gain per row block and output channel, the ADC gain (input step times weight step over ADC step)
     * @param limit per row block and output channel, the ADC's largest level, {@link Float#POSITIVE_INFINITY} for
     *        a lossless ADC
     * @param step per row block and output channel, the step that dequantizes a level (a lossless ADC: an integer
     *        partial sum)
     * @param clippingImages count saturated conversions on images {@code 0 .. clippingImages-1}
     * @param clipped per row block and output channel, the counts are added here (null: do not count)
     */
    static void run(NDArray maps, NativeKernels.Geometry geometry, List<Convolution> convolutions, float[][] gain,
                    float[][] limit, float[][] step, float[] bias, NDArray out, int clippingImages,
                    double[][] clipped) {
        int count = convolutions.size();
        int[] descriptors = new int[6 * count];
        float[] dac = new float[3 * count];
        int weightCount = 0;
        for (Convolution c : convolutions) {
            weightCount += c.weights().length;
        }
        float[] weights = new float[weightCount];
        int offset = 0;
        for (int j = 0; j < count; j++) {
            Convolution c = convolutions.get(j);
            int rows = c.inChannels() * geometry.kernel() * geometry.kernel();
            if (c.weights().length != rows * c.outChannels()) {
                throw new IllegalArgumentException("convolution " + j + " has " + c.weights().length
                        + " weights, expected " + rows + " x " + c.outChannels());
            }
            System.arraycopy(c.weights(), 0, weights, offset, c.weights().length);
            descriptors[6 * j] = c.rowBlock();
            descriptors[6 * j + 1] = c.firstInChannel();
            descriptors[6 * j + 2] = c.inChannels();
            descriptors[6 * j + 3] = c.firstOutChannel();
            descriptors[6 * j + 4] = c.outChannels();
            descriptors[6 * j + 5] = offset;
            dac[3 * j] = c.inverseScale();
            dac[3 * j + 1] = c.minLevel();
            dac[3 * j + 2] = c.maxLevel();
            offset += c.weights().length;
        }
        int rowBlocks = geometry.rowBlocks();
        int outChannels = geometry.outChannels();
        float[] gains = flat(gain, rowBlocks, outChannels);
        float[] limits = flat(limit, rowBlocks, outChannels);
        float[] steps = flat(step, rowBlocks, outChannels);
        int[] geometryArray = geometry.toArray();
        FloatBuffer x = NativeFloats.view(maps);
        FloatBuffer y = NativeFloats.view(out);
        int images = Math.toIntExact(maps.getShape().get(0));
        NativeFloats.forEachImageRange(images, (from, to) -> {
            int[] counts = clipped == null ? null : new int[rowBlocks * outChannels];
            run(x, y, geometryArray, descriptors, dac, weights, gains, limits, steps, bias, from, to,
                    clippingImages, counts);
            if (counts != null) {
                synchronized (clipped) {
                    for (int r = 0; r < rowBlocks; r++) {
                        for (int ch = 0; ch < outChannels; ch++) {
                            clipped[r][ch] += counts[r * outChannels + ch];
                        }
                    }
                }
            }
        });
    }

    private static float[] flat(float[][] values, int rows, int columns) {
        float[] flat = new float[rows * columns];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(values[r], 0, flat, r * columns, columns);
        }
        return flat;
    }

    private static native void run(FloatBuffer x, FloatBuffer out, int[] geometry, int[] convolutions, float[] dac,
                                   float[] weights, float[] gain, float[] limit, float[] step, float[] bias,
                                   int from, int to, int clippingImages, int[] clipped);
}
