package org.cim2pq.ops.cli;

import java.util.concurrent.Callable;

import org.cim2pq.ops.input.UserError;
import org.cim2pq.sim.cim.array.ArrayConfig;
import org.cim2pq.sim.cim.array.NetworkTiling;
import org.cim2pq.sim.cim.array.TileGrouping;
import org.cim2pq.sim.cim.array.WeightEncoding;
import org.cim2pq.sim.models.TrainedModel;
import org.cim2pq.sim.models.TrainedModels;
import org.cim2pq.sim.network.FoldedNetwork;
import org.cim2pq.sim.network.NetworkOp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cim2pq tiles}: how a shipped network is cut into crossbar tiles (channel-aligned row blocks, column blocks
 * sized for the largest weight precision) and tile groups, as a table. A pure function of the network and the array
 * configuration; no data needed.
 */
@Command(name = "tiles", mixinStandardHelpOptions = true,
        description = "Print the tiling of a shipped network onto CIM arrays (tiles, groups, MACs).")
final class TilesCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "NAME", description = "Network, e.g. lenet5, resnet8.")
    String model;

    @Option(names = "--dataset", defaultValue = "fashion-mnist", paramLabel = "NAME",
            description = "Data set the weights were trained on (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--array", defaultValue = "128x128", paramLabel = "RxC",
            description = "Crossbar rows x columns (default: ${DEFAULT-VALUE}).")
    String array;

    @Option(names = "--cell-bits", defaultValue = "" + ArrayConfig.DEFAULT_CELL_BITS, paramLabel = "B",
            description = "Bits per cell (default: ${DEFAULT-VALUE}).")
    int cellBits;

    @Option(names = "--encoding", defaultValue = "differential", paramLabel = "KIND",
            description = "Signed weights: differential (column pairs) or offset (offset column) (default: ${DEFAULT-VALUE}).")
    Encoding encoding;

    /** How signed weights are stored. */
    enum Encoding { DIFFERENTIAL, OFFSET }

    /** How tiles are grouped into tile groups. */
    enum Grouping { LAYER, RESIDUAL_BLOCK, AUTO }

    @Option(names = "--max-weight-bits", defaultValue = "" + ArrayConfig.DEFAULT_MAX_WEIGHT_BITS, paramLabel = "B",
            description = "Largest weight precision a tile must fit (default: ${DEFAULT-VALUE}).")
    int maxWeightBits;

    @Option(names = "--grouping", defaultValue = "auto", paramLabel = "KIND",
            description = "Tile groups: layer, residual-block, or auto (residual blocks when the network has any)"
                    + " (default: ${DEFAULT-VALUE}).")
    Grouping grouping;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        FoldedNetwork network;
        try (TrainedModel m = TrainedModels.load(model, dataset)) {
            network = m.fold();
        } catch (RuntimeException e) {
            throw new UserError(e.getMessage(), e);
        }
        ArrayConfig config;
        try {
            config = ArrayConfig.builder().optSize(array).optCellBits(cellBits).optMaxWeightBits(maxWeightBits)
                    .optWeightEncoding(switch (encoding) {
                        case DIFFERENTIAL -> WeightEncoding.DIFFERENTIAL_PAIR;
                        case OFFSET -> WeightEncoding.OFFSET_COLUMN;
                    }).build();
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
        TileGrouping g = switch (grouping) {
            case LAYER -> TileGrouping.PER_LAYER;
            case RESIDUAL_BLOCK -> TileGrouping.PER_RESIDUAL_BLOCK;
            case AUTO -> network.ops().stream().anyMatch(op -> op instanceof NetworkOp.Add)
                    ? TileGrouping.PER_RESIDUAL_BLOCK : TileGrouping.PER_LAYER;
        };
        try {
            spec.commandLine().getOut().print(NetworkTiling.of(network, config, g).table());
            spec.commandLine().getOut().flush();
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
        return 0;
    }
}
