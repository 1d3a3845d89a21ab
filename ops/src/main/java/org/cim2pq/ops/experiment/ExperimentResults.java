package org.cim2pq.ops.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cim2pq.ops.experiment.SeedStatistics.Difference;
import org.cim2pq.ops.experiment.SeedStatistics.Summary;
import org.cim2pq.ops.input.UserError;

/**
 * Writes an experiment's results into its folder: {@code results.csv} (one row per variant: each figure's mean,
 * standard deviation, min, max over seeds and its paired difference from the baseline with the 95% interval and
 * verdict), {@code runs.csv} (one row per run: the figures of each seed), {@code results.md} (the table, the
 * differences and the provenance) and the plots ({@link ExperimentPlots}).
 */
public final class ExperimentResults {

    public static final String RESULTS_CSV = "results.csv";
    public static final String RUNS_CSV = "runs.csv";
    public static final String RESULTS_MD = "results.md";

    /** The figures in column order: name in files, unit, and how to read it. */
    private static final String[][] FIGURES = {
        {"tops_w_within_1pt", "TOPS/W", "best TOPS/W within 1 point of FP accuracy (held-out)"},
        {"top1_at_baseline_tops_w", "%", "best held-out top-1 at >= the baseline's TOPS/W (same seed)"},
        {"hypervolume", "", "hypervolume of the final front, common frame"},
        {"evaluations_to_baseline_hv", "evaluations", "evaluations to reach the baseline's final hypervolume (same seed)"},
    };

    /** Provenance: what ran, with what, by which code (key, value in order). */
    public record Provenance(Map<String, String> entries) {
        public Provenance {
            entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }
    }

    /** Wall time of a run from its journal (first to last event), seconds; NaN when unknown. */
    public record Timing(String id, double wallSeconds) {}

    private ExperimentResults() {}

    /** Writes every file; returns them (CSV, CSV, Markdown, PNGs). */
    public static List<Path> write(ExperimentPlan plan, ExperimentMetrics metrics, Provenance provenance,
                                   Map<String, Double> wallSeconds) {
        Path dir = plan.out();
        try {
            Files.createDirectories(dir);
            List<Path> files = new ArrayList<>();
            files.add(Files.writeString(dir.resolve(RESULTS_CSV), resultsCsv(metrics)));
            files.add(Files.writeString(dir.resolve(RUNS_CSV), runsCsv(metrics, wallSeconds)));
            files.add(Files.writeString(dir.resolve(RESULTS_MD), markdown(plan, metrics, provenance, wallSeconds)));
            files.addAll(ExperimentPlots.write(metrics, plan.name(), dir));
            return files;
        } catch (IOException e) {
            throw new UserError("cannot write the results into " + dir + ": " + e.getMessage(), e);
        }
    }

    static String resultsCsv(ExperimentMetrics m) {
        StringBuilder csv = new StringBuilder("variant,granularity,selection,seeds");
        for (String[] f : FIGURES) {
            csv.append(',').append(f[0]).append("_n,").append(f[0]).append("_mean,").append(f[0]).append("_sd,")
                    .append(f[0]).append("_min,").append(f[0]).append("_max,").append(f[0]).append("_diff,")
                    .append(f[0]).append("_diff_lo95,").append(f[0]).append("_diff_hi95,").append(f[0])
                    .append("_verdict");
        }
        csv.append(",tops_w_within_1pt_pct_of_baseline\n");
        ExperimentMetrics.VariantFigures base = m.variant(Variant.BASELINE);
        for (Variant v : Variant.values()) {
            ExperimentMetrics.VariantFigures f = m.variant(v);
            csv.append(v.key()).append(',').append(v.granularity()).append(',').append(v.selection()).append(',')
                    .append(f.seeds());
            for (int i = 0; i < FIGURES.length; i++) {
                Summary s = summary(f, i);
                Difference d = difference(f, i);
                csv.append(',').append(s.n()).append(',').append(num(s.mean())).append(',').append(num(s.sd()))
                        .append(',').append(num(s.min())).append(',').append(num(s.max())).append(',')
                        .append(num(d.mean())).append(',').append(num(d.low95())).append(',').append(num(d.high95()))
                        .append(',').append(d.verdict());
            }
            csv.append(',').append(num(f.topsPercentOf(base))).append('\n');
        }
        return csv.toString();
    }

    static String runsCsv(ExperimentMetrics m, Map<String, Double> wallSeconds) {
        StringBuilder csv = new StringBuilder("search_id,variant,seed,evaluations,simulated,failures,front_size,"
                + "tops_w_within_1pt,baseline_tops_w,top1_at_baseline_tops_w,hypervolume,evaluations_to_baseline_hv,"
                + "wall_s,code_version\n");
        for (ExperimentMetrics.RunFigures f : m.runs()) {
            RunRecord r = f.run();
            csv.append(r.id()).append(',').append(r.variant().key()).append(',').append(r.seed()).append(',')
                    .append(r.evaluations()).append(',').append(r.evaluated()).append(',').append(r.failures())
                    .append(',').append(r.front().size()).append(',').append(num(f.topsWithin1())).append(',')
                    .append(num(f.baselineTops())).append(',').append(num(f.accuracyAtBaselineTops())).append(',')
                    .append(num(f.hypervolume())).append(',').append(num(f.evaluationsToBaselineHypervolume()))
                    .append(',').append(num(wallSeconds.getOrDefault(r.id(), Double.NaN))).append(',')
                    .append(csvText(r.codeVersion())).append('\n');
        }
        return csv.toString();
    }

    static String markdown(ExperimentPlan plan, ExperimentMetrics m, Provenance provenance,
                           Map<String, Double> wallSeconds) {
        StringBuilder md = new StringBuilder("# Experiment " + plan.name() + "\n\n");
        md.append(plan.describe()).append(".\n\n");
        md.append("FP accuracy on the held-out images: ").append(fixed(m.fpTop1(), 2)).append("%. Mean over seeds (sd);")
                .append(" \"k of K\": the seeds where the figure is defined (a strategy within 1 point exists, the")
                .append(" baseline's hypervolume is reached).\n\n");
        md.append("| variant | TOPS/W within 1 pt of FP | % of baseline | held-out top-1 at baseline's TOPS/W (%) |"
                + " hypervolume | evaluations to baseline's HV |\n|---|---|---|---|---|---|\n");
        ExperimentMetrics.VariantFigures base = m.variant(Variant.BASELINE);
        for (Variant v : Variant.values()) {
            ExperimentMetrics.VariantFigures f = m.variant(v);
            md.append("| ").append(v.label()).append(" | ").append(cell(f.topsWithin1(), 3, f.seeds())).append(" | ")
                    .append(fixed(f.topsPercentOf(base), 1)).append("% | ").append(cell(f.accuracyAtBaselineTops(), 2, f.seeds()))
                    .append(" | ").append(cell(f.hypervolume(), 4, f.seeds())).append(" | ")
                    .append(cell(f.evaluationsToBaselineHypervolume(), 0, f.seeds())).append(" |\n");
        }
        md.append("\nDifferences from the baseline (").append(Variant.BASELINE.label())
                .append("), paired by seed: mean [95% t interval], verdict (\"within noise\": the interval holds 0).\n\n")
                .append("| variant | TOPS/W within 1 pt | top-1 at baseline's TOPS/W (points) | hypervolume |"
                        + " evaluations to baseline's HV |\n|---|---|---|---|---|\n");
        for (Variant v : Variant.values()) {
            if (v == Variant.BASELINE) {
                continue;
            }
            ExperimentMetrics.VariantFigures f = m.variant(v);
            md.append("| ").append(v.label()).append(" | ").append(diff(f.topsWithin1VsBaseline(), 3)).append(" | ")
                    .append(diff(f.accuracyVsBaseline(), 2)).append(" | ").append(diff(f.hypervolumeVsBaseline(), 4))
                    .append(" | ").append(diff(f.evaluationsVsBaseline(), 0)).append(" |\n");
        }
        md.append("\nPer run (`").append(RUNS_CSV).append("`):\n\n| search | TOPS/W within 1 pt | top-1 at baseline's TOPS/W |"
                + " hypervolume | evaluations to baseline's HV | evaluations (simulated) | wall |\n"
                + "|---|---|---|---|---|---|---|\n");
        for (ExperimentMetrics.RunFigures f : m.runs()) {
            double wall = wallSeconds.getOrDefault(f.run().id(), Double.NaN);
            md.append("| ").append(f.run().id()).append(" | ").append(fixed(f.topsWithin1(), 3)).append(" | ")
                    .append(fixed(f.accuracyAtBaselineTops(), 2)).append(" | ").append(fixed(f.hypervolume(), 4))
                    .append(" | ").append(Double.isFinite(f.evaluationsToBaselineHypervolume())
                            ? fixed(f.evaluationsToBaselineHypervolume(), 0) : "not reached")
                    .append(" | ").append(f.run().evaluations()).append(" (").append(f.run().evaluated()).append(") | ")
                    .append(Double.isFinite(wall) ? fixed(wall, 0) + " s" : "-").append(" |\n");
        }
        md.append("\nWall: first to last journaled event of the search (its evaluations, selections and held-out"
                + " re-evaluation; not the loading and calibration before its start).\n");
        double quota = plan.runs().get(0).request().quota();
        if (Math.floor(plan.population() * quota) < 1) {
            md.append("\nWith population ").append(plan.population()).append(" and quota ").append(quota)
                    .append(" qNSGA-III reserves floor(qN) = 0 places: it selects as NSGA-III does.\n");
        }
        md.append("\nPlots: `").append(ExperimentPlots.FRONTS).append("` (every variant's front, held-out accuracy"
                + " against TOPS/W), `").append(ExperimentPlots.HYPERVOLUME).append("` (hypervolume against evaluations,"
                + " mean and range over seeds).\n\n");
        md.append("Hypervolume frame: each search objective (search-subset error %, energy pJ, latency ns, area um^2)"
                + " scaled by its minimum and maximum over every run's final front (ideal ")
                .append(vector(m.frame().ideal())).append(", nadir ").append(vector(m.frame().nadir()))
                .append("), reference point 1.1 on every axis.\n\n## Provenance\n\n| | |\n|---|---|\n");
        provenance.entries().forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v.replace("|", "\\|"))
                .append(" |\n"));
        return md.toString();
    }

    private static Summary summary(ExperimentMetrics.VariantFigures f, int i) {
        return switch (i) {
            case 0 -> f.topsWithin1();
            case 1 -> f.accuracyAtBaselineTops();
            case 2 -> f.hypervolume();
            default -> f.evaluationsToBaselineHypervolume();
        };
    }

    private static Difference difference(ExperimentMetrics.VariantFigures f, int i) {
        return switch (i) {
            case 0 -> f.topsWithin1VsBaseline();
            case 1 -> f.accuracyVsBaseline();
            case 2 -> f.hypervolumeVsBaseline();
            default -> f.evaluationsVsBaseline();
        };
    }

    /** "mean (sd s, n k of K)"; "none (0 of K)" when no seed defines the figure. */
    private static String cell(Summary s, int decimals, int seeds) {
        if (s.n() == 0) {
            return "none (0 of " + seeds + ")";
        }
        return fixed(s.mean(), decimals) + " (" + (Double.isFinite(s.sd()) ? "sd " + fixed(s.sd(), decimals) + ", " : "")
                + s.n() + " of " + seeds + ")";
    }

    private static String diff(Difference d, int decimals) {
        if (d.n() == 0) {
            return "n/a";
        }
        String sign = d.mean() > 0 ? "+" : "";
        return sign + fixed(d.mean(), decimals) + (Double.isFinite(d.low95()) ? " [" + fixed(d.low95(), decimals)
                + ", " + fixed(d.high95(), decimals) + "]" : "") + ", " + d.verdict() + " (" + d.n() + (d.n() == 1 ? " seed)" : " seeds)");
    }

    private static String vector(double[] v) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < v.length; i++) {
            b.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.6g", v[i]));
        }
        return b.append(')').toString();
    }

    static String fixed(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : "-";
    }

    static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "";
    }

    private static String csvText(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
