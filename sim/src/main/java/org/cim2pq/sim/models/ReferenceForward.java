package org.cim2pq.sim.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.cim2pq.sim.data.ImageSet;
import org.cim2pq.sim.data.Normalization;

/**
 * The floating-point forward of a DJL network in inference mode (BatchNorm on its running statistics): the
 * {@code fp} baseline that quantized CIM inference is compared against, and the accuracy measure of training.
 * Every batch runs in its own sub-manager that is closed afterwards, so long evaluations do not accumulate
 * native memory.
 */
public final class ReferenceForward {

    /** Images per forward batch when scoring a whole set. */
    public static final int BATCH = 500;

    private ReferenceForward() {
    }

    /**
     * Logits of {@code n} normalised NCHW images.
     *
     * @return {@code [n][classes]}
     */
    public static float[][] logits(Block block, NDManager manager, float[] normalized, int n, int[] chw) {
        try (NDManager batch = manager.newSubManager()) {
            NDArray x = batch.create(normalized, new Shape(n, chw[0], chw[1], chw[2]));
            NDArray y = block.forward(new ParameterStore(batch, false), new NDList(x), false).singletonOrThrow();
            int classes = (int) y.getShape().get(1);
            float[] flat = y.toFloatArray();
            float[][] out = new float[n][classes];
            for (int i = 0; i < n; i++) {
                System.arraycopy(flat, i * classes, out[i], 0, classes);
            }
            return out;
        }
    }

    /** Top-1 accuracy on the whole of {@code set}, normalised with {@code normalization}. */
    public static double accuracy(Block block, NDManager manager, Normalization normalization, ImageSet set) {
        int correct = 0;
        for (int first = 0; first < set.size(); first += BATCH) {
            int n = Math.min(BATCH, set.size() - first);
            float[][] logits = logits(block, manager, normalization.normalize(set, first, n), n, set.imageShape());
            for (int i = 0; i < n; i++) {
                if (argMax(logits[i]) == set.label(first + i)) {
                    correct++;
                }
            }
        }
        return set.size() == 0 ? 0 : (double) correct / set.size();
    }

    /** Index of the largest value (the first one on ties). */
    public static int argMax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
