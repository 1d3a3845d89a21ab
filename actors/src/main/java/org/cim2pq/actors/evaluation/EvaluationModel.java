package org.cim2pq.actors.evaluation;

import java.util.ArrayList;
import java.util.List;
import org.cim2pq.engine.space.CimSearchSpace;
import org.cim2pq.persistence.event.SearchEvent;
import org.cim2pq.persistence.proto.PlatformConfiguration;

/**
 * A network on a CIM platform as the search sees it: its search space, its objectives, and the tile groups an
 * evaluation runs through. Each tile-group simulator builds its own group's state ({@link #newTileGroup}), so
 * simulators share nothing mutable and a restart rebuilds only the group that failed.
 */
public interface EvaluationModel extends AutoCloseable {

    /** E.g. {@code lenet5}. */
    String name();

    /** A fingerprint of everything that decides results (weights, data subsets, array and cost configuration). */
    String fingerprint();

    /** The dataset's name, e.g. {@code fashion-mnist}, and a fingerprint of the subsets used. */
    String dataset();

    String dataFingerprint();

    CimSearchSpace space();

    /** Objective names, all minimised, e.g. {@code error_pct, energy_pj, latency_ns, area_um2}. */
    List<String> objectives();

    /** Every tile of the space, in tile order, as the journal records it; default: tile {@code t} of layer {@code L}. */
    default List<SearchEvent.Tile> tiles() {
        CimSearchSpace space = space();
        List<SearchEvent.Tile> tiles = new ArrayList<>();
        for (int t = 0; t < space.tileCount(); t++) {
            int layer = space.layerOfTile(t);
            tiles.add(new SearchEvent.Tile(layer, "layer" + layer, 0, t, "tile" + t, "layer" + layer));
        }
        return tiles;
    }

    /** The platform as the journal records it (model, data, fidelity, preset, array, subsets); default none. */
    default PlatformConfiguration platform() {
        return null;
    }

    /**
     * {@code genome} evaluated under {@code protocol} (another machine, other images), objectives in this model's
     * units and order: what a completed search's front is re-evaluated with. May block for as long as an evaluation
     * takes; called from one thread at a time per model. Default: this model re-evaluates nothing.
     *
     * @throws IllegalArgumentException when this model cannot evaluate under {@code protocol}
     */
    default Reevaluation reevaluate(SearchEvent.EvaluationProtocol protocol, org.cim2pq.engine.genome.IntGenome genome) {
        throw new IllegalArgumentException(name() + " cannot evaluate under " + protocol);
    }

    /**
     * How many test images lie outside the search subset, i.e. can be held out (METHOD.md section 5); default 0, a
     * model without held-out images.
     */
    default int heldOutImages() {
        return 0;
    }

    /**
     * One sensitivity per tile (METHOD.md section 4: how much the network's outputs suffer when that tile alone is
     * lowered; any non-negative scale), for the mutation to move less sensitive tiles towards fewer bits. May take a
     * while (one evaluation per tile); must give the same figures on every node. Default null: this model measures
     * none, and its searches mutate unbiased.
     */
    default double[] tileSensitivity() {
        return null;
    }

    /**
     * Releases what the model holds outside the Java heap (e.g. native tensors), once no search uses it any more;
     * default nothing. A model is not used after it is closed.
     */
    @Override
    default void close() {}

    /** Number of tile groups an evaluation passes through, in order. */
    int tileGroups();

    /** A fresh simulation of tile group {@code index} (0-based, pipeline order), with its own state. */
    TileGroupSimulation newTileGroup(int index);

    /** Fresh simulations of every tile group, in pipeline order (e.g. to evaluate in one thread). */
    default List<TileGroupSimulation> newTileGroups() {
        List<TileGroupSimulation> groups = new ArrayList<>();
        for (int i = 0; i < tileGroups(); i++) {
            groups.add(newTileGroup(i));
        }
        return groups;
    }
}
