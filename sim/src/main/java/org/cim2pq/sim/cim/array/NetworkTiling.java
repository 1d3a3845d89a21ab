package org.cim2pq.sim.cim.array;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.cim2pq.sim.network.FoldedNetwork;
import org.cim2pq.sim.network.NetworkOp;

/**
 * A network cut into tiles and tile groups: a pure function of the network and the {@link ArrayConfig}. Tile order
 * (the order in which a strategy lists per-tile precisions) is: weight layers in program order, then row block,
 * then column block.
 *
 * @param network network name
 * @param config the array configuration
 * @param grouping how tiles are grouped
 * @param layers per-layer tilings, in program order
 * @param tiles all tiles in tile order
 * @param groups tile groups covering all tiles in order
 */
public record NetworkTiling(String network, ArrayConfig config, TileGrouping grouping, List<LayerTiling> layers,
                            List<ArrayTile> tiles, List<TileGroup> groups) {

    public NetworkTiling {
        layers = List.copyOf(layers);
        tiles = List.copyOf(tiles);
        groups = List.copyOf(groups);
    }

    /** Tiles {@code network} on {@code config}, one group per layer. */
    public static NetworkTiling of(FoldedNetwork network, ArrayConfig config) {
        return of(network, config, TileGrouping.PER_LAYER);
    }

    /** Tiles {@code network} on {@code config} with the given grouping. */
    public static NetworkTiling of(FoldedNetwork network, ArrayConfig config, TileGrouping grouping) {
        TensorShapes shapes = TensorShapes.of(network);
        List<LayerTiling> layers = new ArrayList<>();
        List<ArrayTile> all = new ArrayList<>();
        int layerIndex = 0;
        for (NetworkOp.WeightLayer w : network.weightLayers()) {
            boolean linear = w instanceof NetworkOp.Linear;
            int[] out = shapes.shape(w.out());
            int outH = linear ? 1 : out[1];
            int outW = linear ? 1 : out[2];
            int k = w.kernel();
            int perRow = Math.min(config.inChannelsPerRowBlock(k), w.inChannels());
            int perCol = Math.min(config.outChannelsPerColumnBlock(), w.outChannels());
            int rowBlocks = ceilDiv(w.inChannels(), perRow);
            int colBlocks = ceilDiv(w.outChannels(), perCol);
            List<ArrayTile> tiles = new ArrayList<>();
            for (int r = 0; r < rowBlocks; r++) {
                int firstIn = r * perRow;
                int inCount = Math.min(perRow, w.inChannels() - firstIn);
                for (int c = 0; c < colBlocks; c++) {
                    int firstOut = c * perCol;
                    int outCount = Math.min(perCol, w.outChannels() - firstOut);
                    ArrayTile t = new ArrayTile(ArrayTile.idOf(w.name(), r, c), all.size(), w.name(), layerIndex, r,
                            c, firstIn, inCount, firstOut, outCount, k, (long) outH * outW);
                    tiles.add(t);
                    all.add(t);
                }
            }
            layers.add(new LayerTiling(w.name(), layerIndex, linear, w.inChannels(), w.outChannels(), k, outH, outW,
                    perRow, perCol, rowBlocks, colBlocks, tiles));
            layerIndex++;
        }
        return new NetworkTiling(network.name(), config, grouping, layers, all, grouping.group(network, layers));
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    /** The layer tiling named {@code layer}. */
    public LayerTiling layer(String layer) {
        for (LayerTiling l : layers) {
            if (l.layer().equals(layer)) {
                return l;
            }
        }
        throw new IllegalArgumentException("no weight layer '" + layer + "'");
    }

    /** Tile id -> index in tile order. */
    public Map<String, Integer> tileIndex() {
        Map<String, Integer> index = new HashMap<>();
        for (ArrayTile t : tiles) {
            index.put(t.id(), t.index());
        }
        return index;
    }

    /** Physical arrays used by the whole network. */
    public int physicalArrays() {
        return tiles.stream().mapToInt(ArrayTile::physicalArrays).sum();
    }

    /** Multiply-accumulates per inference. */
    public long macs() {
        return layers.stream().mapToLong(LayerTiling::macs).sum();
    }

    /**
     * A printable table: one line per tile (id, channel slices, rows, used columns at bWmax, MVMs) with per-layer
     * and network totals.
     */
    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "network %s on %s, grouping %s%n", network, config.describe(),
                grouping.name().toLowerCase(Locale.ROOT)));
        sb.append(String.format(Locale.ROOT, "%-5s %-36s %-10s %-10s %5s %5s %8s %s%n", "#", "tile", "in ch",
                "out ch", "rows", "cols", "MVMs", "group"));
        Map<Integer, String> groupOfTile = new HashMap<>();
        for (TileGroup g : groups) {
            for (int i = g.firstTile(); i < g.firstTile() + g.tileCount(); i++) {
                groupOfTile.put(i, g.name());
            }
        }
        for (LayerTiling l : layers) {
            for (ArrayTile t : l.tiles()) {
                sb.append(String.format(Locale.ROOT, "%-5d %-36s %-10s %-10s %5d %5d %8d %s%n", t.index(), t.id(),
                        t.firstInChannel() + ".." + (t.firstInChannel() + t.inChannels() - 1),
                        t.firstOutChannel() + ".." + (t.firstOutChannel() + t.outChannels() - 1), t.rows(),
                        t.usedColumns(config, config.maxWeightBits()), t.mvms(), groupOfTile.get(t.index())));
            }
            sb.append(String.format(Locale.ROOT, "      %s: %dx%d k=%d -> %d row blocks x %d column blocks = %d tiles,"
                            + " %d MACs%n", l.layer(), l.inChannels(), l.outChannels(), l.kernel(), l.rowBlocks(),
                    l.columnBlocks(), l.tiles().size(), l.macs()));
        }
        sb.append(String.format(Locale.ROOT, "total: %d layers, %d tiles, %d physical arrays, %d groups, %d MACs%n",
                layers.size(), tiles.size(), physicalArrays(), groups.size(), macs()));
        return sb.toString();
    }
}
