package org.cim2pq.sim.network;

import java.util.ArrayList;
import java.util.List;

import org.cim2pq.sim.data.Normalization;

/**
 * Folds the input normalisation {@code x = (u - mean[c]) / std[c]} ({@code u} = pixel / 255) into the first weight
 * layer (METHOD.md section 2, option), so the first layer's DAC takes the unsigned 8-bit pixel codes instead of a
 * signed normalised input (whose negative side, down to {@code -mean/std}, holds far fewer values than the positive
 * side and wastes about half a bit of a two's-complement code).
 *
 * <p>With {@code W' = W / std[c]} and {@code b' = b - sum W mean[c] / std[c]} the layer computes the same outputs from
 * {@code u} as before from {@code x}, except where its zero padding reads outside the image: a padded normalised
 * input is 0, i.e. {@code u = mean[c]}. So the folded network's input is the raw image already padded with the mean
 * pixel of its channel (what an input buffer holding pixel codes would feed the border rows), and the layer itself
 * pads no more: every output equals the unfolded network's, up to float rounding.
 */
public final class InputNormalizationFold {

    private final Normalization normalization;
    private final int[] unfoldedShape;
    private final int padding;

    private InputNormalizationFold(Normalization normalization, int[] unfoldedShape, int padding) {
        this.normalization = normalization;
        this.unfoldedShape = unfoldedShape;
        this.padding = padding;
    }

    /**
     * The fold of {@code normalization} into {@code network}, whose input must be read by one weight layer only (its
     * first) and have one channel per normalisation channel.
     */
    public static InputNormalizationFold of(FoldedNetwork network, Normalization normalization) {
        if (network.nonNegativeInput()) {
            throw new IllegalArgumentException(network.name() + " already takes raw pixels");
        }
        NetworkOp.WeightLayer first = firstLayer(network);
        normalization.requireChannels(network.inputShape()[0]);
        int padding = first instanceof NetworkOp.Conv c ? c.padding() : 0;
        return new InputNormalizationFold(normalization, network.inputShape(), padding);
    }

    /** The network on raw pixels: first layer folded, input padded by the caller ({@link #pixels}). */
    public FoldedNetwork apply(FoldedNetwork network) {
        NetworkOp.WeightLayer first = firstLayer(network);
        float[] mean = normalization.mean();
        float[] std = normalization.std();
        int cout = first.outChannels();
        int cin = first.inChannels();
        int kk = first.kernel() * first.kernel();
        float[] w = first.weights().clone(); // the unfolded network keeps its own
        float[] b = first.bias().clone();
        for (int o = 0; o < cout; o++) {
            double shift = 0;
            for (int c = 0; c < cin; c++) {
                for (int j = 0; j < kk; j++) {
                    int i = (o * cin + c) * kk + j;
                    shift += (double) w[i] * mean[c] / std[c];
                    w[i] = w[i] / std[c];
                }
            }
            b[o] = (float) (b[o] - shift);
        }
        NetworkOp folded = first instanceof NetworkOp.Conv c
                ? new NetworkOp.Conv(c.name(), c.in(), c.out(), cin, cout, c.kernel(), c.stride(), 0, w, b)
                : new NetworkOp.Linear(first.name(), first.in(), first.out(), cin, cout, w, b);
        List<NetworkOp> ops = new ArrayList<>();
        for (NetworkOp op : network.ops()) {
            ops.add(op == first ? folded : op);
        }
        int[] shape = network.inputShape();
        return new FoldedNetwork(network.name(), new int[] {shape[0], shape[1] + 2 * padding, shape[2] + 2 * padding},
                ops, network.output(), true);
    }

    /**
     * {@code normalized} images (NCHW, normalised by this fold's normalisation) as the folded network's input:
     * {@code u = x * std + mean}, padded with {@code mean} per channel.
     */
    public float[] pixels(float[] normalized) {
        int c = unfoldedShape[0];
        int h = unfoldedShape[1];
        int w = unfoldedShape[2];
        int ph = h + 2 * padding;
        int pw = w + 2 * padding;
        int images = normalized.length / (c * h * w);
        float[] mean = normalization.mean();
        float[] std = normalization.std();
        float[] out = new float[images * c * ph * pw];
        for (int n = 0; n < images; n++) {
            for (int ch = 0; ch < c; ch++) {
                int src = (n * c + ch) * h * w;
                int dst = (n * c + ch) * ph * pw;
                java.util.Arrays.fill(out, dst, dst + ph * pw, mean[ch]);
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        out[dst + (y + padding) * pw + x + padding] = normalized[src + y * w + x] * std[ch] + mean[ch];
                    }
                }
            }
        }
        return out;
    }

    private static NetworkOp.WeightLayer firstLayer(FoldedNetwork network) {
        List<NetworkOp> readers = network.ops().stream().filter(op -> op.inputs().contains(FoldedNetwork.INPUT))
                .toList();
        if (readers.size() != 1 || !(readers.get(0) instanceof NetworkOp.WeightLayer first)) {
            throw new IllegalArgumentException(network.name() + ": the input normalisation folds into one first weight"
                    + " layer, but the input is read by " + readers);
        }
        return first;
    }
}
