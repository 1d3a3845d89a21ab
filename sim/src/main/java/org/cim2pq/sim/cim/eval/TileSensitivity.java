package org.cim2pq.sim.cim.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.cim2pq.sim.cim.quant.TilePrecisions;

/**
 * How much each array tile matters (METHOD.md section 4): the increase of the network's output error when that tile
 * alone is lowered from {@code reference} to {@code lowered} precision, every other tile kept at {@code reference}.
 * The error is the mean Kullback-Leibler divergence, in nats, of the lowered network's softmax from the reference
 * network's, over the evaluator's images (the calibration images, for a search: no test image decides it) and noise
 * draws. A divergence rather than accuracy because one tile of fifty moves top-1 accuracy on a few hundred images by
 * less than one image, while the divergence still ranks it; it is never negative.
 *
 * @param reference the precision every tile holds, and the one lowered tile holds in the reference network
 * @param lowered the precision the measured tile is lowered to
 */
public record TileSensitivity(TilePrecisions reference, TilePrecisions lowered) {

    /** 8 bits (the top of the default candidate sets) lowered to 4 (the middle of the operating region). */
    public static final TileSensitivity DEFAULT = new TileSensitivity(TilePrecisions.uniform(8),
            TilePrecisions.uniform(4));

    public TileSensitivity {
        java.util.Objects.requireNonNull(reference, "reference");
        java.util.Objects.requireNonNull(lowered, "lowered");
    }

    /**
     * One sensitivity per tile of {@code evaluator}'s tiling, in tile order. Tiles are lowered in tile order, so each
     * evaluation reuses the reference network's cached activations up to the lowered tile's layer.
     */
    public double[] measure(CimEvaluator evaluator) {
        int tiles = evaluator.tiling().tiles().size();
        List<TilePrecisions> strategy = new ArrayList<>(Collections.nCopies(tiles, reference));
        float[] base = evaluator.logits(strategy);
        int rows = evaluator.evaluationImages() * evaluator.noise().effectiveDraws();
        if (rows == 0 || base.length % rows != 0) {
            throw new IllegalStateException(base.length + " logits for " + rows + " images");
        }
        int classes = base.length / rows;
        double[][] baseLog = logSoftmax(base, rows, classes);
        double[] out = new double[tiles];
        for (int t = 0; t < tiles; t++) {
            strategy.set(t, lowered);
            out[t] = divergence(baseLog, logSoftmax(evaluator.logits(strategy), rows, classes));
            strategy.set(t, reference);
        }
        return out;
    }

    /** Mean over rows of KL(p || q), p and q given as log-probabilities. */
    static double divergence(double[][] logP, double[][] logQ) {
        double sum = 0;
        for (int i = 0; i < logP.length; i++) {
            double kl = 0;
            for (int c = 0; c < logP[i].length; c++) {
                kl += Math.exp(logP[i][c]) * (logP[i][c] - logQ[i][c]);
            }
            sum += Math.max(0, kl); // rounding can leave -1e-17 for identical rows
        }
        return sum / logP.length;
    }

    static double[][] logSoftmax(float[] logits, int rows, int classes) {
        double[][] out = new double[rows][classes];
        for (int i = 0; i < rows; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, logits[i * classes + c]);
            }
            double z = 0;
            for (int c = 0; c < classes; c++) {
                z += Math.exp(logits[i * classes + c] - max);
            }
            double logZ = max + Math.log(z);
            for (int c = 0; c < classes; c++) {
                out[i][c] = logits[i * classes + c] - logZ;
            }
        }
        return out;
    }
}
