package org.cim2pq.sim.cim.eval;

import java.util.List;
import java.util.Map;

import org.cim2pq.sim.cim.cost.NetworkCost;
import org.cim2pq.sim.cim.quant.TilePrecisions;

/**
 * The result of evaluating one strategy.
 *
 * @param objectives the objectives
 * @param metrics named figures for reports (see {@link CimEvaluator} for the names)
 * @param cost the full hardware cost breakdown
 * @param strategy the precisions actually evaluated (after pinning first/last layers, if configured)
 * @param correctByDraw images classified correctly, one count per noise draw (one on the ideal machine), of
 *     {@code images} each
 * @param images the evaluation images per draw
 */
public record Evaluation(Objectives objectives, Map<String, Double> metrics, NetworkCost cost,
                         List<TilePrecisions> strategy, List<Long> correctByDraw, int images) {

    public Evaluation {
        metrics = Map.copyOf(metrics);
        strategy = List.copyOf(strategy);
        correctByDraw = List.copyOf(correctByDraw);
    }

    /** Images classified correctly, summed over the noise draws. */
    public long correct() {
        return correctByDraw.stream().mapToLong(Long::longValue).sum();
    }
}
