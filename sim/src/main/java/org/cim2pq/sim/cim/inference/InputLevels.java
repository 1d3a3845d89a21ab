package org.cim2pq.sim.cim.inference;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ai.djl.ndarray.NDArray;

import org.cim2pq.sim.cim.array.ArrayTile;
import org.cim2pq.sim.cim.array.LayerTiling;
import org.cim2pq.sim.cim.quant.TileCalibration;
import org.cim2pq.sim.cim.quant.TilePrecisions;
import org.cim2pq.sim.cim.quant.UniformQuantizer;

/**
 * A layer's input as integer levels, per (row block, input quantizer): the tiles of one row block share the
 * input slice, so its levels are computed once per distinct quantizer, each into its own contiguous tensor.
 */
final class InputLevels {
private final TileCalibration calibration;
    private final LayerTiling lt;
    private final NDArray maps;
    private final int fromImage;
    private final int images;
    private final List<TilePrecisions> strategy;
    private final Map<String, NDArray> bySlice = new HashMap<>();

    /** The whole batch of {@code maps}. */
    InputLevels(TileCalibration calibration, LayerTiling lt, NDArray maps, List<TilePrecisions> strategy) {
        this(calibration, lt, maps, 0, Math.toIntExact(maps.getShape().get(0)), strategy);
    }

    /** Images {@code fromImage .. fromImage+images-1} of {@code maps}. */
    InputLevels(TileCalibration calibration, LayerTiling lt, NDArray maps, int fromImage, int images,
                List<TilePrecisions> strategy) {
        this.calibration = calibration;
        this.lt = lt;
        this.maps = maps;
        this.fromImage = fromImage;
        this.images = images;
        this.strategy = strategy;
    }

    UniformQuantizer quantizer(int r, int c) {
        return calibration.input(lt, r, strategy.get(lt.tile(r, c).index()).inputBits());
    }

    NDArray levels(int r, int c) {
        ArrayTile t = lt.tile(r, c);
        UniformQuantizer q = quantizer(r, c);
        return bySlice.computeIfAbsent(r + "/" + q,
                key -> DacLevels.of(maps, fromImage, images, t.firstInChannel(), t.inChannels(), q));
    }
}
