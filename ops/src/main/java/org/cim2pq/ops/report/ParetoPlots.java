package org.cim2pq.ops.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.cim2pq.persistence.proto.StrategyEvaluated;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The four two-dimensional views of the four-objective front: error against energy, latency and area, and TOPS/W
 * against error. Every evaluated strategy is a light grey dot, the front is highlighted, and the initial uniform
 * strategies are labelled ("uniform-8"), since they are the baseline a mixed-precision strategy has to beat.
 */
public final class ParetoPlots {

    /** One plot: its file, title, axes and how to read each axis from a result. */
    public record View(String file, String title, String xLabel, ToDoubleFunction<StrategyEvaluated> x,
                       String yLabel, ToDoubleFunction<StrategyEvaluated> y) {}

    static final Color FRONT = new Color(0xD6, 0x27, 0x28);
    static final Color EVALUATED = new Color(0xC4, 0xC4, 0xC4);
    static final Color UNIFORM = new Color(0x1F, 0x3B, 0x73);

    public static final List<View> VIEWS = List.of(
            new View("pareto-error-energy.png", "Error vs energy", "energy per inference (pJ)", r -> r.getObjectives(1),
                    "top-1 error (%)", r -> r.getObjectives(0)),
            new View("pareto-error-latency.png", "Error vs latency", "latency per inference (ns)", r -> r.getObjectives(2),
                    "top-1 error (%)", r -> r.getObjectives(0)),
            new View("pareto-error-area.png", "Error vs area", "area (\u00b5m\u00b2)", r -> r.getObjectives(3),
                    "top-1 error (%)", r -> r.getObjectives(0)),
            new View("pareto-topsw-error.png", "Energy efficiency vs error", "top-1 error (%)", r -> r.getObjectives(0),
                    "energy efficiency (TOPS/W)", r -> r.getMetricsOrDefault("tops_per_w", Double.NaN)));

    private ParetoPlots() {}

    /** Writes every view into {@code dir}; returns the files in {@link #VIEWS} order. */
    public static List<Path> write(SearchHistory history, Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        for (View v : VIEWS) {
            Path file = dir.resolve(v.file());
            ChartLook.savePng(chart(history, v), file, 900, 620);
            files.add(file);
        }
        return files;
    }

    static JFreeChart chart(SearchHistory history, View view) {
        List<String> frontIds = history.front();
        Set<String> front = new HashSet<>(frontIds);
        XYSeries evaluated = new XYSeries("evaluated (" + history.results().size() + ")", false, true);
        XYSeries onFront = new XYSeries((history.completed() ? "final front (" : "front so far (") + frontIds.size() + ")",
                false, true);
        XYSeries uniform = new XYSeries("initial uniform", false, true);
        for (StrategyEvaluated r : history.results()) {
            add(front.contains(r.getStrategyId()) ? onFront : evaluated, view, r);
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(evaluated);
        data.addSeries(onFront);
        data.addSeries(uniform);

        NumberAxis x = axis(view.xLabel());
        NumberAxis y = axis(view.yLabel());
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        renderer.setSeriesPaint(0, EVALUATED);
        renderer.setSeriesShape(0, new Ellipse2D.Double(-3.5, -3.5, 7, 7));
        renderer.setSeriesPaint(1, FRONT);
        renderer.setSeriesShape(1, new Ellipse2D.Double(-5.5, -5.5, 11, 11));
        // Uniform strategies: hollow diamonds drawn over whatever dot they are, so front members stay red inside.
        renderer.setSeriesPaint(2, UNIFORM);
        renderer.setSeriesShape(2, diamond(9));
        renderer.setSeriesShapesFilled(2, false);
        renderer.setSeriesOutlineStroke(2, new BasicStroke(2f));
        renderer.setUseOutlinePaint(false);
        renderer.setDrawOutlines(true);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);
        for (SearchHistory.Strategy s : history.uniform()) {
            StrategyEvaluated r = history.result(s.id());
            double px = view.x().applyAsDouble(r);
            double py = view.y().applyAsDouble(r);
            if (Double.isFinite(px) && Double.isFinite(py)) {
                uniform.add(px, py);
                XYTextAnnotation label = new XYTextAnnotation("  " + s.origin(), px, py);
                label.setFont(ChartLook.NOTE);
                label.setPaint(UNIFORM);
                label.setTextAnchor(TextAnchor.BOTTOM_LEFT);
                // Over the points, on a see-through backdrop: readable in a cloud of grey dots, a red point under it
                // still shows.
                label.setBackgroundPaint(new Color(255, 255, 255, 140));
                plot.addAnnotation(label);
            }
        }
        JFreeChart chart = new JFreeChart(view.title() + " (" + history.started().getSearchId() + ")",
                ChartLook.TITLE, plot, true);
        ChartLook.style(chart);
        return chart;
    }

    private static void add(XYSeries series, View view, StrategyEvaluated r) {
        double px = view.x().applyAsDouble(r);
        double py = view.y().applyAsDouble(r);
        if (Double.isFinite(px) && Double.isFinite(py)) {
            series.add(px, py);
        }
    }

    private static NumberAxis axis(String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(false);
        // Room right and above for the "uniform-8" labels next to their points.
        axis.setUpperMargin(0.12);
        // Thousands separated, no exponent: energies run to 10^6 pJ and "406,478" reads faster than "4.06E5".
        axis.setNumberFormatOverride(new DecimalFormat("#,##0.##"));
        return axis;
    }

    private static Path2D diamond(double size) {
        double h = size / 2;
        Path2D.Double d = new Path2D.Double();
        d.moveTo(0, -h);
        d.lineTo(h, 0);
        d.lineTo(0, h);
        d.lineTo(-h, 0);
        d.closePath();
        return d;
    }
}
