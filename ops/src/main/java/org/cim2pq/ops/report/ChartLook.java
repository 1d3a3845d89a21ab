package org.cim2pq.ops.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;

/** The look all report plots share (fonts, white background, light grid) and writing one as a PNG (also the experiment's plots). */
public final class ChartLook {

    public static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    public static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    public static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    public static final Font NOTE = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    public static final Color GRID = new Color(0xDD, 0xDD, 0xDD);

    private ChartLook() {}

    /** Java2D renders without a display only in headless mode; set before the first AWT class loads. */
    public static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    public static void style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        if (chart.getTitle() != null) {
            chart.getTitle().setFont(TITLE);
        }
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setItemFont(LABEL);
            legend.setPosition(RectangleEdge.BOTTOM);
        }
        if (chart.getPlot() instanceof XYPlot plot) {
            style(plot);
        }
    }

    public static void style(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlineStroke(new BasicStroke(1f));
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setOutlinePaint(Color.GRAY);
        // A panel of a combined plot has no domain axis of its own (it shares its parent's).
        for (int i = 0; i < plot.getDomainAxisCount(); i++) {
            if (plot.getDomainAxis(i) != null) {
                plot.getDomainAxis(i).setLabelFont(LABEL);
                plot.getDomainAxis(i).setTickLabelFont(TICK);
            }
        }
        for (int i = 0; i < plot.getRangeAxisCount(); i++) {
            if (plot.getRangeAxis(i) != null) {
                plot.getRangeAxis(i).setLabelFont(LABEL);
                plot.getRangeAxis(i).setTickLabelFont(TICK);
            }
        }
    }

    public static void savePng(JFreeChart chart, Path file, int width, int height) throws IOException {
        ChartUtils.saveChartAsPNG(file.toFile(), chart, width, height);
    }
}
