package org.cim2pq.sim.network;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.norm.BatchNorm;

/**
 * Folds an eval-mode BatchNorm into the convolution before it. With per-channel
 * {@code s = gamma / sqrt(runningVar + eps)}:
 * <pre>
 *   BN(W * x + b) = s * (W * x + b - mean) + beta = (s W) * x + (s (b - mean) + beta)
 * </pre>
 * so {@code W' = s W} (row {@code o} scaled by {@code s[o]}) and {@code b' = s (b - mean) + beta}. After folding,
 * the CIM arrays hold {@code W'} and the digital side adds {@code b'}, exactly as the method prescribes
 * (METHOD.md section 2: "BatchNorm is folded into the preceding conv's weights and bias first").
 */
public final class BatchNormFolding {

    private BatchNormFolding() {
    }

    /** Folded weights ({@code [Cout][Cin][k][k]} row-major) and bias (length Cout). */
    public record FoldedWeights(float[] weights, float[] bias) {}

    /**
     * Folds {@code bn} (with epsilon {@code epsilon}, which DJL does not expose, so the caller that built the
     * BatchNorm passes it) into {@code conv}. Both must be initialised.
     */
    public static FoldedWeights fold(Convolution conv, BatchNorm bn, float epsilon) {
        float[] w = parameter(conv, "weight").toFloatArray();
        int cout = conv.getFilters();
        float[] b = conv.isIncludeBias() ? parameter(conv, "bias").toFloatArray() : new float[cout];
        float[] gamma = parameter(bn, "gamma").toFloatArray();
        float[] beta = parameter(bn, "beta").toFloatArray();
        float[] mean = parameter(bn, "runningMean").toFloatArray();
        float[] var = parameter(bn, "runningVar").toFloatArray();
        if (gamma.length != cout || w.length % cout != 0) {
            throw new IllegalArgumentException("BatchNorm of " + gamma.length + " channels after a conv of " + cout
                    + " filters");
        }
        int perFilter = w.length / cout;
        float[] fw = new float[w.length];
        float[] fb = new float[cout];
        for (int o = 0; o < cout; o++) {
            // double for the scale: var + eps can be tiny and the product is what the arrays will hold.
            double s = gamma[o] / Math.sqrt((double) var[o] + epsilon);
            for (int i = 0; i < perFilter; i++) {
                fw[o * perFilter + i] = (float) (s * w[o * perFilter + i]);
            }
            fb[o] = (float) (s * (b[o] - mean[o]) + beta[o]);
        }
        return new FoldedWeights(fw, fb);
    }

    /** The value of a block's direct parameter {@code name}, or an error naming what is missing. */
    static NDArray parameter(Block block, String name) {
        Parameter p = block.getParameters().get(name);
        if (p == null || !p.isInitialized()) {
            throw new IllegalStateException(block.getClass().getSimpleName() + " has no initialised parameter '"
                    + name + "' (parameters: " + block.getParameters().keys() + ")");
        }
        return p.getArray();
    }
}
