package org.cim2pq.ops.report;

import java.awt.BasicStroke;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.nio.file.Path;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Hypervolume of the selected first front per generation, as journaled by each SelectionApplied: is it converging? */
public final class HypervolumePlot {

    public static final String FILE = "hypervolume.png";

    private HypervolumePlot() {}

    public static Path write(SearchHistory history, Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        ChartLook.savePng(chart(history), file, 900, 480);
        return file;
    }

    static JFreeChart chart(SearchHistory history) {
        XYSeries hv = new XYSeries("hypervolume (normalised objectives)", true, false);
        for (SearchHistory.Hypervolume h : history.hypervolumes()) {
            hv.addOrUpdate(h.generation(), h.value());
        }
        NumberAxis x = new NumberAxis("generation");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis("hypervolume (normalised objectives)");
        y.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setSeriesPaint(0, ParetoPlots.FRONT);
        renderer.setSeriesStroke(0, new BasicStroke(2.5f));
        renderer.setSeriesShape(0, new Ellipse2D.Double(-4, -4, 8, 8));
        XYPlot plot = new XYPlot(new XYSeriesCollection(hv), x, y, renderer);
        if (hv.isEmpty()) {
            plot.setNoDataMessage("no selection journaled yet");
            plot.setNoDataMessageFont(ChartLook.LABEL);
        }
        JFreeChart chart = new JFreeChart("Hypervolume per generation (" + history.started().getSearchId() + ")",
                ChartLook.TITLE, plot, false);
        ChartLook.style(chart);
        return chart;
    }
}
