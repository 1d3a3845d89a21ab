package org.cim2pq.ops.experiment;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.cim2pq.engine.indicator.HypervolumeFrame;
import org.cim2pq.engine.selection.Dominance;
import org.cim2pq.ops.experiment.SeedStatistics.Difference;
import org.cim2pq.ops.experiment.SeedStatistics.Summary;

/**
 * The figures each variant is judged by (METHOD.md section 5), per run and over seeds:
 * <ul>
 *   <li><b>TOPS/W within 1 point</b>: the best TOPS/W among the front's strategies whose held-out top-1 accuracy is at
 *       least the FP network's held-out accuracy (same images) minus 1 point; NaN when none is;</li>
 *   <li><b>accuracy at the baseline's TOPS/W</b>: the best held-out accuracy among the front's strategies with TOPS/W
 *       at least the baseline's (layerwise + NSGA-III) TOPS/W within 1 point on the same seed: the baseline's
 *       operating point, which the paper's "+7.05 points at 117% of the efficiency" compares against;</li>
 *   <li><b>hypervolume</b> of the final front (the archive) in one frame for every run of the experiment: each search
 *       objective (search-subset error, energy, latency, area) scaled by its minimum and maximum over the union of all
 *       runs' final fronts, reference point {@value HypervolumeFrame#REFERENCE} on every axis
 *       ({@link HypervolumeFrame}); the same frame gives the curve of the archive's hypervolume after each
 *       generation against the evaluations spent so far;</li>
 *   <li><b>evaluations to the baseline's hypervolume</b>: the evaluations after which the run's archive first reaches
 *       the baseline's final hypervolume on the same seed; NaN when it never does (counted as not reached).</li>
 * </ul>
 * Differences from the baseline are paired by seed ({@link Difference}).
 */
public final class ExperimentMetrics {

    /** Accuracy points below FP accuracy a strategy may lose and still count as accurate. */
    public static final double ACCURACY_LOSS_POINTS = 1.0;

    /** One run's figures; {@code curve} holds {evaluations, hypervolume} after each generation. */
    public record RunFigures(RunRecord run, double topsWithin1, double baselineTops, double accuracyAtBaselineTops,
                             double hypervolume, double evaluationsToBaselineHypervolume, List<double[]> curve) {}

    /** A variant's figures over seeds, and their differences from the baseline. */
    public record VariantFigures(Variant variant, Summary topsWithin1, Summary accuracyAtBaselineTops,
                                 Summary hypervolume, Summary evaluationsToBaselineHypervolume, int seeds,
                                 Difference topsWithin1VsBaseline, Difference accuracyVsBaseline,
                                 Difference hypervolumeVsBaseline, Difference evaluationsVsBaseline) {
        /** Mean TOPS/W within 1 point as a percentage of the baseline's (the paper's "117%"). */
        public double topsPercentOf(VariantFigures baseline) {
            return 100 * topsWithin1.mean() / baseline.topsWithin1.mean();
        }
    }

    private final double fpTop1;
    private final HypervolumeFrame frame;
    private final List<RunFigures> runs;
    private final Map<Variant, VariantFigures> variants;

    private ExperimentMetrics(double fpTop1, HypervolumeFrame frame, List<RunFigures> runs,
                              Map<Variant, VariantFigures> variants) {
        this.fpTop1 = fpTop1;
        this.frame = frame;
        this.runs = runs;
        this.variants = variants;
    }

    /**
     * The figures of {@code records} (every variant on seeds 1..K), judged against {@code fpTop1}, the FP network's
     * held-out top-1 accuracy in percent.
     */
    public static ExperimentMetrics of(double fpTop1, List<RunRecord> records, int seeds) {
        List<double[]> union = new ArrayList<>();
        records.forEach(r -> union.addAll(List.of(r.frontObjectives())));
        HypervolumeFrame frame = HypervolumeFrame.of(union.toArray(double[][]::new));
        Map<Integer, RunRecord> baselines = new java.util.HashMap<>();
        records.stream().filter(r -> r.variant() == Variant.BASELINE).forEach(r -> baselines.put(r.seed(), r));
        Map<Integer, Double> baselineTops = new java.util.HashMap<>();
        Map<Integer, Double> baselineHv = new java.util.HashMap<>();
        baselines.forEach((seed, r) -> {
            baselineTops.put(seed, topsWithin(r, fpTop1 - ACCURACY_LOSS_POINTS));
            baselineHv.put(seed, frame.hypervolume(r.frontObjectives()));
        });
        List<RunFigures> figures = new ArrayList<>();
        for (RunRecord r : records) {
            double tops = topsWithin(r, fpTop1 - ACCURACY_LOSS_POINTS);
            double bTops = baselineTops.getOrDefault(r.seed(), Double.NaN);
            double acc = Double.isFinite(bTops) ? accuracyAtTops(r, bTops) : Double.NaN;
            List<double[]> curve = new ArrayList<>();
            for (int g = 0; g <= r.generations(); g++) {
                curve.add(new double[] {r.evaluationsUpTo(g), frame.hypervolume(nonDominated(r.objectivesUpTo(g)))});
            }
            double bHv = baselineHv.getOrDefault(r.seed(), Double.NaN);
            double reach = Double.NaN;
            for (double[] point : curve) {
                // the baseline's own final front reaches its hypervolume; rounding must not make it miss
                if (Double.isFinite(bHv) && point[1] >= bHv - 1e-12) {
                    reach = point[0];
                    break;
                }
            }
            figures.add(new RunFigures(r, tops, bTops, acc, frame.hypervolume(r.frontObjectives()), reach, curve));
        }
        Map<Variant, VariantFigures> variants = new EnumMap<>(Variant.class);
        for (Variant v : Variant.values()) {
            double[][] own = perSeed(figures, v, seeds);
            double[][] base = perSeed(figures, Variant.BASELINE, seeds);
            variants.put(v, new VariantFigures(v, Summary.of(own[0]), Summary.of(own[1]), Summary.of(own[2]),
                    Summary.of(own[3]), (int) figures.stream().filter(f -> f.run().variant() == v).count(),
                    Difference.of(own[0], base[0]), Difference.of(own[1], base[1]), Difference.of(own[2], base[2]),
                    Difference.of(own[3], base[3])));
        }
        return new ExperimentMetrics(fpTop1, frame, List.copyOf(figures), variants);
    }

    /** Per figure (TOPS/W within 1, accuracy at baseline TOPS/W, hypervolume, evaluations to baseline HV), per seed. */
    private static double[][] perSeed(List<RunFigures> figures, Variant v, int seeds) {
        double[][] out = new double[4][seeds];
        for (double[] row : out) {
            java.util.Arrays.fill(row, Double.NaN);
        }
        for (RunFigures f : figures) {
            if (f.run().variant() == v && f.run().seed() >= 1 && f.run().seed() <= seeds) {
                int s = f.run().seed() - 1;
                out[0][s] = f.topsWithin1();
                out[1][s] = f.accuracyAtBaselineTops();
                out[2][s] = f.hypervolume();
                out[3][s] = f.evaluationsToBaselineHypervolume();
            }
        }
        return out;
    }

    /** Best TOPS/W among front members of held-out accuracy >= {@code minTop1}; NaN when none. */
    static double topsWithin(RunRecord r, double minTop1) {
        return r.front().stream().filter(m -> m.heldOutTop1() >= minTop1).mapToDouble(RunRecord.FrontMember::topsPerWatt)
                .max().orElse(Double.NaN);
    }

    /** Best held-out accuracy among front members of TOPS/W >= {@code minTops}; NaN when none. */
    static double accuracyAtTops(RunRecord r, double minTops) {
        return r.front().stream().filter(m -> m.topsPerWatt() >= minTops).mapToDouble(RunRecord.FrontMember::heldOutTop1)
                .filter(Double::isFinite).max().orElse(Double.NaN);
    }

    /** The points no other point dominates (minimisation); equal points are kept once. */
    static double[][] nonDominated(double[][] points) {
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < points.length; i++) {
            boolean dominated = false;
            for (int j = 0; j < points.length && !dominated; j++) {
                if (j != i && (Dominance.dominates(points[j], points[i]) || (j < i && java.util.Arrays.equals(points[j], points[i])))) {
                    dominated = true;
                }
            }
            if (!dominated) {
                out.add(points[i]);
            }
        }
        return out.toArray(double[][]::new);
    }

    public double fpTop1() {
        return fpTop1;
    }

    public HypervolumeFrame frame() {
        return frame;
    }

    public List<RunFigures> runs() {
        return runs;
    }

    public VariantFigures variant(Variant v) {
        return variants.get(v);
    }
}
