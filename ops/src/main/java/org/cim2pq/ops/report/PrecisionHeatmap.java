package org.cim2pq.ops.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.cim2pq.engine.space.PrecisionKind;
import org.cim2pq.engine.space.TilePrecision;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * The front's strategies tile by tile: one panel per precision kind (input, weight, partial-sum bits), rows = front
 * strategies by ascending error, columns = tiles in network order, with the layers marked. Shows where a strategy
 * spends bits: arraywise search is only worth it if rows are not flat.
 */
public final class PrecisionHeatmap {

    public static final String FILE = "precision-map.png";

    /** Bits 2..10 (the widest candidate sets), light to dark so more bits read as "more". */
    private static final Color[] BITS = {
        new Color(0xFF, 0xF5, 0xEB), new Color(0xFE, 0xE6, 0xCE), new Color(0xFD, 0xD0, 0xA2),
        new Color(0xFD, 0xAE, 0x6B), new Color(0xFD, 0x8D, 0x3C), new Color(0xF1, 0x69, 0x13),
        new Color(0xD9, 0x48, 0x01), new Color(0xA6, 0x36, 0x03), new Color(0x7F, 0x27, 0x04)};
    private static final int MIN_BITS = 2;

    private PrecisionHeatmap() {}

    /**
     * @param decode a genome's per-tile precisions (the search space's decoding)
     * @param layerOfTile each tile's layer name, in tile order
     */
    public static Path write(SearchHistory history, Function<String, List<TilePrecision>> decode,
            List<String> layerOfTile, Path dir) throws IOException {
        List<String> front = history.front();
        Path file = dir.resolve(FILE);
        int rowHeight = Math.max(16, Math.min(28, 360 / Math.max(1, front.size())));
        int panel = front.size() * rowHeight + 50;
        int width = Math.max(900, Math.min(2400, 260 + 26 * layerOfTile.size()));
        ChartLook.savePng(chart(history, front, decode, layerOfTile), file, width, 3 * panel + 2 * rowHeight + 190);
        return file;
    }

    static JFreeChart chart(SearchHistory history, List<String> front, Function<String, List<TilePrecision>> decode,
            List<String> layerOfTile) {
        int tiles = layerOfTile.size();
        List<List<TilePrecision>> rows = front.stream().map(id -> decode.apply(history.strategies().get(id).genome()))
                .toList();
        NumberAxis tileAxis = new NumberAxis("tile (network order; layers marked)");
        tileAxis.setRange(-0.5, tiles - 0.5);
        tileAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(tileAxis);
        combined.setGap(14);
        LookupPaintScale scale = new LookupPaintScale(MIN_BITS - 0.5, MIN_BITS + BITS.length - 0.5, Color.LIGHT_GRAY);
        for (int i = 0; i < BITS.length; i++) {
            scale.add(MIN_BITS + i - 0.5, BITS[i]);
        }
        boolean numbers = tiles <= 80 && front.size() <= 24;
        for (PrecisionKind kind : PrecisionKind.values()) {
            DefaultXYZDataset data = new DefaultXYZDataset();
            double[][] xyz = new double[3][tiles * rows.size()];
            XYPlot panel = new XYPlot();
            for (int r = 0; r < rows.size(); r++) {
                for (int t = 0; t < tiles; t++) {
                    int k = r * tiles + t;
                    int bits = rows.get(r).get(t).bits(kind);
                    xyz[0][k] = t;
                    xyz[1][k] = r;
                    xyz[2][k] = bits;
                    if (numbers) {
                        XYTextAnnotation n = new XYTextAnnotation(Integer.toString(bits), t, r);
                        n.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
                        n.setPaint(bits - MIN_BITS >= BITS.length / 2 ? Color.WHITE : Color.BLACK);
                        n.setTextAnchor(TextAnchor.CENTER);
                        panel.addAnnotation(n);
                    }
                }
            }
            data.addSeries(kind.name(), xyz);
            XYBlockRenderer renderer = new XYBlockRenderer();
            renderer.setPaintScale(scale);
            renderer.setBlockAnchor(RectangleAnchor.CENTER);
            SymbolAxis strategies = new SymbolAxis(label(kind), rowLabels(history, front));
            strategies.setInverted(true);
            strategies.setGridBandsVisible(false);
            if (kind == PrecisionKind.INPUT) {
                // An empty band above the first row holds the layer names (two lines: narrow layers alternate).
                strategies.setAutoRange(false);
                strategies.setRange(-2.5, rows.size() - 0.5);
            }
            panel.setDataset(data);
            panel.setRenderer(renderer);
            panel.setRangeAxis(strategies);
            ChartLook.style(panel);
            panel.setDomainGridlinesVisible(false);
            panel.setRangeGridlinesVisible(false);
            strategies.setLabelFont(ChartLook.LABEL.deriveFont(Font.BOLD));
            markLayers(panel, layerOfTile, kind == PrecisionKind.INPUT);
            combined.add(panel, kind == PrecisionKind.INPUT ? rows.size() + 2 : rows.size());
        }
        ChartLook.style(combined);
        JFreeChart chart = new JFreeChart("Per-tile precisions of the " + (history.completed() ? "final" : "current")
                + " front (" + history.started().getSearchId() + ")", ChartLook.TITLE, combined, false);
        NumberAxis bitsAxis = new NumberAxis("bits");
        bitsAxis.setRange(MIN_BITS - 0.5, MIN_BITS + BITS.length - 0.5);
        bitsAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        bitsAxis.setTickLabelFont(ChartLook.TICK);
        bitsAxis.setLabelFont(ChartLook.LABEL);
        PaintScaleLegend legend = new PaintScaleLegend(scale, bitsAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setStripWidth(16);
        legend.setMargin(new RectangleInsets(40, 10, 40, 10));
        chart.addSubtitle(legend);
        ChartLook.style(chart);
        return chart;
    }

    /** "g3-7  9.5%": the row's strategy and its error, so a row reads without the front table. */
    private static String[] rowLabels(SearchHistory history, List<String> front) {
        return front.stream().map(id -> String.format(java.util.Locale.ROOT, "%s  %.1f%%", id,
                history.result(id).getObjectives(0))).toArray(String[]::new);
    }

    private static String label(PrecisionKind kind) {
        return switch (kind) {
            case INPUT -> "input bits";
            case WEIGHT -> "weight bits";
            case PARTIAL_SUM -> "partial-sum bits";
        };
    }

    /** A line before each layer's first tile; names only on the top panel so the panels stay uncluttered. */
    private static void markLayers(XYPlot panel, List<String> layerOfTile, boolean named) {
        int layer = 0;
        for (int t = 0; t < layerOfTile.size(); t++) {
            if (t == 0 || !layerOfTile.get(t).equals(layerOfTile.get(t - 1))) {
                ValueMarker m = new ValueMarker(t - 0.5, Color.BLACK, new BasicStroke(1.5f));
                if (named) {
                    m.setLabel(layerOfTile.get(t));
                    m.setLabelFont(ChartLook.NOTE.deriveFont(Font.BOLD));
                    m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
                    m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
                    m.setLabelOffset(new RectangleInsets(layer % 2 == 0 ? 3 : 19, 4, 0, 0));
                    m.setLabelBackgroundColor(new Color(255, 255, 255, 0));
                }
                panel.addDomainMarker(m);
                layer++;
            }
        }
    }
}
