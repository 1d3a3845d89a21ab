package org.cim2pq.sim.cim.inference;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

import org.cim2pq.sim.cim.array.ArrayTile;
import org.cim2pq.sim.cim.array.LayerTiling;
import org.cim2pq.sim.cim.array.NetworkTiling;
import org.cim2pq.sim.cim.quant.CalibrationSamples;
import org.cim2pq.sim.cim.quant.QuantizationConfig;
import org.cim2pq.sim.cim.quant.WeightQuantizer;
import org.cim2pq.sim.network.FoldedNetwork;

/**
 * One FP pass over the calibration batch, recording what calibration needs: samples of every row block's input
 * slice and of every tile's FP partial sum, and the FP inputs of the first
 * {@link QuantizationConfig#bitserialCalibrationImages()} images of every layer (for recording bit-serial column
 * counts later, on demand). With per-layer scales ({@link QuantizationConfig#layerScales()}) also samples of every
 * layer's whole input and of all its tiles' partial sums together. Close it to free those inputs.
 */
public final class CalibrationRun implements AutoCloseable {

    private final CalibrationSamples samples;
    private final NDManager manager;
    private final Map<String, NDArray> bitserialInputs;

    private CalibrationRun(CalibrationSamples samples, NDManager manager, Map<String, NDArray> bitserialInputs) {
        this.samples = samples;
        this.manager = manager;
        this.bitserialInputs = bitserialInputs;
    }

    /** Runs {@code fp} on {@code images} (NCHW) and records the samples. */
    public static CalibrationRun record(FloatInference fp, NetworkTiling tiling, QuantizationConfig config,
                                        NDArray images, NDManager parent) {
        FoldedNetwork network = fp.program().network();
        Set<String> nonNegative = ActivationSigns.nonNegative(network);
        Map<String, Boolean> signed = new HashMap<>();
        Map<String, List<float[]>> inputSamples = new HashMap<>();
        List<float[]> psumSamples = new ArrayList<>();
        Map<String, float[]> layerInputs = new HashMap<>();
        Map<String, float[]> layerPsums = new HashMap<>();
        for (int i = 0; i < tiling.tiles().size(); i++) {
            psumSamples.add(null);
        }
        NDManager keep = parent.newSubManager();
        Map<String, NDArray> bitserialInputs = new HashMap<>();
        int keepImages = (int) Math.min(config.bitserialCalibrationImages(), images.getShape().get(0));
        try (NDManager batch = parent.newSubManager()) {
            NDArray input = images.duplicate();
            input.attach(batch);
            LayerKernel recording = (layerIndex, layer, x) -> {
                LayerTiling lt = tiling.layers().get(layerIndex);
                signed.put(layer.name(), !nonNegative.contains(layer.in()));
                NDArray x4 = TileConvolution.asMaps(x);
                NDArray kept = x4.get(new NDIndex(":{}", keepImages)).duplicate();
                NDScope.unregister(kept); // recorded inside the layer's NDScope, it must outlive it
                kept.attach(keep);
                bitserialInputs.put(layer.name(), kept);
                List<float[]> perRowBlock = new ArrayList<>();
                List<float[]> layerSums = new ArrayList<>();
                for (int r = 0; r < lt.rowBlocks(); r++) {
                    ArrayTile first = lt.tile(r, 0);
                    NDArray slice = TileConvolution.channels(x4, first.firstInChannel(), first.inChannels());
                    perRowBlock.add(CalibrationSamples.strided(slice.toFloatArray(), config.maxSamples()));
                    for (int c = 0; c < lt.columnBlocks(); c++) {
                        ArrayTile t = lt.tile(r, c);
                        NDArray w = x.getManager().create(WeightQuantizer.tileWeights(layer, t),
                                new Shape(t.outChannels(), t.inChannels(), t.kernel(), t.kernel()));
                        NDArray psum = TileConvolution.conv(slice, w, layer, 1);
                        float[] sums = psum.toFloatArray();
                        psumSamples.set(t.index(), CalibrationSamples.strided(sums, config.maxSamples()));
                        if (config.layerScales()) {
                            layerSums.add(sums);
                        }
                    }
                }
                inputSamples.put(layer.name(), perRowBlock);
                if (config.layerScales()) {
                    // the whole layer's input and all its tiles' partial sums, each tile weighing as many values as
                    // it has (a single row block's slice is the whole input: the same samples)
                    layerInputs.put(layer.name(), lt.rowBlocks() == 1 ? perRowBlock.get(0)
                            : CalibrationSamples.strided(x4.toFloatArray(), config.maxSamples()));
                    layerPsums.put(layer.name(), CalibrationSamples.strided(CalibrationSamples.concat(layerSums),
                            config.maxSamples()));
                }
                return fp.apply(layerIndex, layer, x);
            };
            fp.program().run(input, recording, batch);
        }
        return new CalibrationRun(new CalibrationSamples(signed, inputSamples, psumSamples, layerInputs,
                layerPsums), keep, bitserialInputs);
    }

    public CalibrationSamples samples() {
        return samples;
    }

    /** FP input maps (NCHW; N x F x 1 x 1 for a linear layer) of the first calibration images to {@code layer}. */
    public NDArray bitserialInput(String layer) {
        return bitserialInputs.get(layer);
    }

    @Override
    public void close() {
        manager.close();
    }
}
