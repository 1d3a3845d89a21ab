package org.cim2pq.sim.cim.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.cim2pq.sim.cim.cost.NetworkCost;
import org.cim2pq.sim.cim.quant.TilePrecisions;

/**
 * The core of {@code bench accuracy}: FP accuracy and the accuracy and hardware figures of uniform strategies
 * (every tile at bIn = bW = bPs = b), on any network.
 */
public final class UniformSweep {

    private UniformSweep() {}

    /**
     * One row: {@code bits} = 0 for the FP reference (no hardware figures). Under noise {@code accuracy} is the mean
     * over the draws and {@code accuracyStd} their sample standard deviation (NaN on the ideal machine).
     */
    public record Row(int bits, double accuracy, double energyPj, double latencyNs, double areaUm2,
                      double topsPerWatt, double clipRate, double accuracyStd) {}

    /** FP first, then one row per entry of {@code bits}. */
    public static List<Row> run(CimEvaluator evaluator, int[] bits) {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(0, evaluator.floatAccuracy(), Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN));
        for (int b : bits) {
            Evaluation e = evaluator.evaluate(EvaluationBenchmark.uniform(evaluator, TilePrecisions.uniform(b)));
            NetworkCost c = e.cost();
            rows.add(new Row(b, e.metrics().get("top1.accuracy"), c.energyPj(), c.latencyNs(), c.areaUm2(),
                    c.topsPerWatt(), e.metrics().get("psum.clip.rate"),
                    e.metrics().getOrDefault("top1.accuracy.std", Double.NaN)));
        }
        return rows;
    }

    /** A printable table of {@code rows}; under noise a column gives the spread of the accuracy over the draws. */
    public static String table(List<Row> rows) {
        boolean noisy = rows.stream().anyMatch(r -> !Double.isNaN(r.accuracyStd()));
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-9s %9s%s %14s %14s %14s %9s %9s%n",
                "strategy", noisy ? "top-1 mean" : "top-1", noisy ? String.format(Locale.ROOT, " %8s", "sd") : "",
                "energy pJ", "latency ns", "area um^2", "TOPS/W", "clip"));
        for (Row r : rows) {
            if (r.bits() == 0) {
                sb.append(String.format(Locale.ROOT, "%-9s %8.2f%%%n", "FP", 100 * r.accuracy()));
            } else {
                String spread = noisy ? String.format(Locale.ROOT, " %7.2f%%", 100 * r.accuracyStd()) : "";
                sb.append(String.format(Locale.ROOT, "%-9s %8.2f%%%s %14.4g %14.4g %14.4g %9.3f %9.4f%n",
                        "uniform-" + r.bits(), 100 * r.accuracy(), spread, r.energyPj(), r.latencyNs(), r.areaUm2(),
                        r.topsPerWatt(), r.clipRate()));
            }
        }
        return sb.toString();
    }
}
