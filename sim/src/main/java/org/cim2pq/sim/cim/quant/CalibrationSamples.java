package org.cim2pq.sim.cim.quant;

import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;

/**
 * What calibration needs from running the FP network on the calibration batch, as plain float samples.
 *
 * @param signedInputs layer name -> whether its input can be negative (false after ReLU)
 * @param inputSamples layer name -> per row block, samples of the FP input channel slice
 * @param partialSumSamples per tile (tile order), samples of the FP partial sum (FP input slice x FP weights)
 * @param layerInputSamples layer name -> samples of its whole FP input (all row blocks), for per-layer scales
 *        ({@link QuantizationConfig#layerScales()}); empty when they are per tile
 * @param layerPartialSumSamples layer name -> samples of the FP partial sums of all its tiles together, for per-layer
 *        ADC ranges; empty when they are per tile
 */
public record CalibrationSamples(Map<String, Boolean> signedInputs, Map<String, List<float[]>> inputSamples,
                                 List<float[]> partialSumSamples, Map<String, float[]> layerInputSamples,
                                 Map<String, float[]> layerPartialSumSamples) {

    public CalibrationSamples {
        signedInputs = Map.copyOf(signedInputs);
        inputSamples = Map.copyOf(inputSamples);
        partialSumSamples = List.copyOf(partialSumSamples);
        layerInputSamples = Map.copyOf(layerInputSamples);
        layerPartialSumSamples = Map.copyOf(layerPartialSumSamples);
    }

    /** Samples for per-tile scales only. */
    public CalibrationSamples(Map<String, Boolean> signedInputs, Map<String, List<float[]>> inputSamples,
                              List<float[]> partialSumSamples) {
        this(signedInputs, inputSamples, partialSumSamples, Map.of(), Map.of());
    }

    /** The values of {@code parts} one after another. */
    public static float[] concat(List<float[]> parts) {
        int n = 0;
        for (float[] p : parts) {
            n += p.length;
        }
        float[] out = new float[n];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /**
     * At most {@code max} values of {@code values}, taken with an even stride (deterministic). The smallest and the
     * largest value are always kept, so a min-max (or high-precision MSE) range is the full observed range.
     */
    public static float[] strided(float[] values, int max) {
        return values.length <= max ? values : strided(FloatBuffer.wrap(values), max);
    }

    /**
     * {@link #strided(float[], int)} of the values {@code 0 .. limit-1} of {@code values} (e.g. a tensor's native
     * memory, read in place rather than copied to the heap first); always a new array.
     */
    public static float[] strided(FloatBuffer values, int max) {
        int n = values.limit();
        if (n <= max) {
            float[] all = new float[n];
            values.get(0, all);
            return all;
        }
        float[] out = new float[max];
        double step = (double) (n - 2) / (max - 2);
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            float v = values.get(i);
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        out[0] = lo;
        out[1] = hi;
        for (int i = 2; i < max; i++) {
            out[i] = values.get((int) ((i - 2) * step));
        }
        return out;
    }
}
