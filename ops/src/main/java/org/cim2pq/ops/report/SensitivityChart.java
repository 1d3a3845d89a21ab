package org.cim2pq.ops.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cim2pq.persistence.proto.SearchSpaceDescription;
import org.cim2pq.persistence.proto.TileSite;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The per-tile sensitivity a search measured and journaled (METHOD.md section 4), one bar per tile in tile order,
 * layers in alternating colours, on a log axis (the figures span orders of magnitude), and its summary per layer.
 */
public final class SensitivityChart {

    public static final String FILE = "sensitivity.png";
    /** Bars at or below this are drawn at it: a log axis has no zero. */
    static final double FLOOR = 1e-7;

    /** One layer's tiles: how many, their mean and largest sensitivity. */
    public record LayerSensitivity(String layer, int tiles, double mean, double max) {}

    private SensitivityChart() {}

    /** The per-layer summary of a journaled space, in layer order; empty when it measured no sensitivity. */
    public static List<LayerSensitivity> layers(SearchSpaceDescription space) {
        if (space.getTileSensitivityCount() != space.getTilesCount()) {
            return List.of();
        }
        Map<String, List<Double>> byLayer = new LinkedHashMap<>();
        for (int t = 0; t < space.getTilesCount(); t++) {
            byLayer.computeIfAbsent(space.getTiles(t).getLayer(), k -> new ArrayList<>())
                    .add(space.getTileSensitivity(t));
        }
        List<LayerSensitivity> out = new ArrayList<>();
        byLayer.forEach((layer, v) -> out.add(new LayerSensitivity(layer, v.size(),
                v.stream().mapToDouble(Double::doubleValue).average().orElse(0),
                v.stream().mapToDouble(Double::doubleValue).max().orElse(0))));
        return out;
    }

    /** Writes the chart; null (nothing written) when the space measured no sensitivity. */
    public static Path write(SearchSpaceDescription space, String searchId, Path dir) throws IOException {
        if (space.getTileSensitivityCount() == 0 || space.getTileSensitivityCount() != space.getTilesCount()) {
            return null;
        }
        Path file = dir.resolve(FILE);
        ChartLook.savePng(chart(space, searchId), file, 900, 420);
        return file;
    }

    static JFreeChart chart(SearchSpaceDescription space, String searchId) {
        XYSeries even = new XYSeries("even layers", false, false);
        XYSeries odd = new XYSeries("odd layers", false, false);
        int layer = -1;
        String last = null;
        for (int t = 0; t < space.getTilesCount(); t++) {
            TileSite site = space.getTiles(t);
            if (!site.getLayer().equals(last)) {
                layer++;
                last = site.getLayer();
            }
            (layer % 2 == 0 ? even : odd).add(t, Math.max(FLOOR, space.getTileSensitivity(t)));
        }
        NumberAxis x = new NumberAxis("tile (in tile order; colours alternate by layer)");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        LogAxis y = new LogAxis("output divergence when lowered alone (nats)");
        y.setSmallestValue(FLOOR);
        XYBarRenderer bars = new XYBarRenderer(0.1);
        bars.setBarPainter(new StandardXYBarPainter());
        bars.setShadowVisible(false);
        bars.setSeriesPaint(0, ParetoPlots.FRONT);
        bars.setSeriesPaint(1, new Color(0x44, 0x77, 0xAA));
        bars.setBase(FLOOR);
        XYPlot plot = new XYPlot(new XYSeriesCollection(even), x, y, bars);
        ((XYSeriesCollection) plot.getDataset()).addSeries(odd);
        JFreeChart chart = new JFreeChart("Measured tile sensitivity (" + searchId + ")", ChartLook.TITLE, plot, false);
        ChartLook.style(chart);
        return chart;
    }
}
