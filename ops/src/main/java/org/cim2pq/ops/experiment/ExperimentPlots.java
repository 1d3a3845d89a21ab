package org.cim2pq.ops.experiment;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.cim2pq.ops.report.ChartLook;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The experiment's two plots, in the report's look ({@link ChartLook}): every variant's front on held-out accuracy
 * against TOPS/W on one chart, and hypervolume (common frame) against evaluations per variant, mean over seeds with
 * the band from the lowest to the highest seed.
 */
public final class ExperimentPlots {

    public static final String FRONTS = "fronts.png";
    public static final String HYPERVOLUME = "hypervolume.png";

    /** One colour per variant, in {@link Variant} order (CIM2PQ red, as the report's front). */
    private static final Color[] COLOURS = {new Color(0xD6, 0x27, 0x28), new Color(0xFF, 0x7F, 0x0E),
        new Color(0x1F, 0x77, 0xB4), new Color(0x2C, 0x2C, 0x2C)};

    private ExperimentPlots() {}

    /** Writes both plots into {@code dir}; returns their files. */
    public static List<Path> write(ExperimentMetrics metrics, String title, Path dir) throws IOException {
        ChartLook.headless();
        Path fronts = dir.resolve(FRONTS);
        ChartLook.savePng(fronts(metrics, title), fronts, 1000, 680);
        Path hv = dir.resolve(HYPERVOLUME);
        ChartLook.savePng(hypervolume(metrics, title), hv, 1000, 600);
        return List.of(fronts, hv);
    }

    /**
     * Front members of every seed as points, and per variant the line through the members no other member of that
     * variant (any seed) beats on both held-out accuracy and TOPS/W; dashed lines at FP accuracy and 1 point below.
     */
    static JFreeChart fronts(ExperimentMetrics metrics, String title) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        int series = 0;
        for (Variant v : Variant.values()) {
            List<double[]> points = new ArrayList<>();
            for (ExperimentMetrics.RunFigures f : metrics.runs()) {
                if (f.run().variant() == v) {
                    for (RunRecord.FrontMember m : f.run().front()) {
                        if (Double.isFinite(m.heldOutTop1()) && Double.isFinite(m.topsPerWatt())) {
                            points.add(new double[] {m.topsPerWatt(), m.heldOutTop1()});
                        }
                    }
                }
            }
            XYSeries all = new XYSeries(v.label() + " (" + points.size() + " front members)", false, true);
            points.forEach(p -> all.add(p[0], p[1]));
            XYSeries edge = new XYSeries(v.label() + ": best of all seeds", true, false);
            points.stream().sorted(Comparator.comparingDouble((double[] p) -> -p[0]).thenComparingDouble(p -> -p[1]))
                    .reduce(Double.NEGATIVE_INFINITY, (best, p) -> {
                        if (p[1] > best) {
                            edge.addOrUpdate(p[0], p[1]);
                            return p[1];
                        }
                        return best;
                    }, Math::max);
            Color c = COLOURS[v.ordinal()];
            data.addSeries(all);
            renderer.setSeriesLinesVisible(series, false);
            renderer.setSeriesShape(series, shape(v));
            renderer.setSeriesPaint(series, new Color(c.getRed(), c.getGreen(), c.getBlue(), 150));
            series++;
            data.addSeries(edge);
            renderer.setSeriesShapesVisible(series, false);
            renderer.setSeriesPaint(series, c);
            renderer.setSeriesStroke(series, new BasicStroke(2f));
            renderer.setSeriesVisibleInLegend(series, false);
            series++;
        }
        NumberAxis x = axis("energy efficiency (TOPS/W)");
        NumberAxis y = axis("held-out top-1 accuracy (%)");
        XYPlot plot = new XYPlot(data, x, y, renderer);
        marker(plot, metrics.fpTop1(), "FP " + new DecimalFormat("0.00").format(metrics.fpTop1()) + "%");
        marker(plot, metrics.fpTop1() - ExperimentMetrics.ACCURACY_LOSS_POINTS, "FP - 1 point");
        JFreeChart chart = new JFreeChart("Fronts on held-out images (" + title + ")", ChartLook.TITLE, plot, true);
        ChartLook.style(chart);
        return chart;
    }

    /** Mean hypervolume over seeds per generation against the mean evaluations then; band = lowest to highest seed. */
    static JFreeChart hypervolume(ExperimentMetrics metrics, String title) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        DeviationRenderer renderer = new DeviationRenderer(true, true);
        for (Variant v : Variant.values()) {
            List<List<double[]>> curves = metrics.runs().stream().filter(f -> f.run().variant() == v)
                    .map(ExperimentMetrics.RunFigures::curve).toList();
            YIntervalSeries s = new YIntervalSeries(v.label() + " (" + curves.size() + " seeds)", false, true);
            int points = curves.stream().mapToInt(List::size).min().orElse(0);
            for (int g = 0; g < points; g++) {
                int at = g;
                double evaluations = curves.stream().mapToDouble(c -> c.get(at)[0]).average().orElseThrow();
                double mean = curves.stream().mapToDouble(c -> c.get(at)[1]).average().orElseThrow();
                double lo = curves.stream().mapToDouble(c -> c.get(at)[1]).min().orElseThrow();
                double hi = curves.stream().mapToDouble(c -> c.get(at)[1]).max().orElseThrow();
                s.add(evaluations, mean, lo, hi);
            }
            data.addSeries(s);
            Color c = COLOURS[v.ordinal()];
            renderer.setSeriesPaint(v.ordinal(), c);
            renderer.setSeriesFillPaint(v.ordinal(), c);
            renderer.setSeriesStroke(v.ordinal(), new BasicStroke(2f));
            renderer.setSeriesShape(v.ordinal(), shape(v));
        }
        renderer.setAlpha(0.15f);
        NumberAxis x = axis("evaluations");
        NumberAxis y = axis("hypervolume (common frame)");
        XYPlot plot = new XYPlot(data, x, y, renderer);
        JFreeChart chart = new JFreeChart("Hypervolume vs evaluations, mean and range over seeds (" + title + ")",
                ChartLook.TITLE, plot, true);
        ChartLook.style(chart);
        return chart;
    }

    private static void marker(XYPlot plot, double value, String label) {
        ValueMarker m = new ValueMarker(value, Color.GRAY, new BasicStroke(1f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        m.setLabel(label);
        m.setLabelFont(ChartLook.NOTE);
        m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
        m.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
        plot.addRangeMarker(m);
    }

    private static Shape shape(Variant v) {
        return switch (v) {
            case CIM2PQ -> new Ellipse2D.Double(-4.5, -4.5, 9, 9);
            case ARRAY_NSGA3 -> new Rectangle2D.Double(-4, -4, 8, 8);
            case LAYER_QNSGA3 -> new Ellipse2D.Double(-3, -3, 6, 6);
            case BASELINE -> new Rectangle2D.Double(-3, -3, 6, 6);
        };
    }

    private static NumberAxis axis(String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(false);
        axis.setNumberFormatOverride(new DecimalFormat("#,##0.###"));
        return axis;
    }
}
