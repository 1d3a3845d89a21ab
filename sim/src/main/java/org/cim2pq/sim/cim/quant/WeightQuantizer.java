package org.cim2pq.sim.cim.quant;

import org.cim2pq.sim.cim.array.ArrayTile;
import org.cim2pq.sim.network.NetworkOp;

/**
 * Symmetric uniform weight quantization of one tile (METHOD.md section 2): one scale per tile, or per output
 * channel as an option, with the clipping chosen by {@link ClippingSearch}.
 */
public final class WeightQuantizer {

    private WeightQuantizer() {}

    /** The tile's slice of the layer's weights, row-major {@code [outChannels][inChannels][k][k]}. */
    public static float[] tileWeights(NetworkOp.WeightLayer layer, ArrayTile tile) {
        return tileSlice(layer.weights(), layer.inChannels(), tile);
    }

    /**
     * The tile's slice of values laid out as the layer's weights ({@code [outChannels][inChannels][k][k]} of a layer
     * of {@code cin} input channels), e.g. its weight levels.
     */
    public static float[] tileSlice(float[] all, int cin, ArrayTile tile) {
        int k2 = tile.kernel() * tile.kernel();
        float[] w = new float[tile.outChannels() * tile.inChannels() * k2];
        int rowLength = tile.inChannels() * k2;
        for (int o = 0; o < tile.outChannels(); o++) {
            int src = ((tile.firstOutChannel() + o) * cin + tile.firstInChannel()) * k2;
            System.arraycopy(all, src, w, o * rowLength, rowLength);
        }
        return w;
    }

    /** Quantizes {@code weights} ({@code outChannels} equal rows) to {@code bits}. */
    public static WeightQuantization quantize(float[] weights, int outChannels, int bits, boolean perColumn,
                                              CalibrationMethod method) {
        int rowLength = weights.length / outChannels;
        float[] levels = new float[weights.length];
        float[] scales = new float[outChannels];
        if (perColumn) {
            for (int o = 0; o < outChannels; o++) {
                float[] row = new float[rowLength];
                System.arraycopy(weights, o * rowLength, row, 0, rowLength);
                UniformQuantizer q = quantizer(row, bits, method);
                scales[o] = q.scale();
                for (int i = 0; i < rowLength; i++) {
                    levels[o * rowLength + i] = q.level(row[i]);
                }
            }
        } else {
            UniformQuantizer q = quantizer(weights, bits, method);
            java.util.Arrays.fill(scales, q.scale());
            for (int i = 0; i < weights.length; i++) {
                levels[i] = q.level(weights[i]);
            }
        }
        return new WeightQuantization(bits, levels, scales);
    }

    /**
     * The tile's part of its layer's weights quantized as one ({@code layer} = {@link #quantize} of all the layer's
     * weights): the tile's levels, and the scales of its output channels.
     */
    public static WeightQuantization tileOf(WeightQuantization layer, int cin, ArrayTile tile) {
        float[] scales = new float[tile.outChannels()];
        System.arraycopy(layer.scales(), tile.firstOutChannel(), scales, 0, scales.length);
        return new WeightQuantization(layer.bits(), tileSlice(layer.levels(), cin, tile), scales);
    }

    private static UniformQuantizer quantizer(float[] w, int bits, CalibrationMethod method) {
        float clip = ClippingSearch.clip(method, w, 0, c -> UniformQuantizer.symmetric(bits, (float) c));
        return UniformQuantizer.symmetric(bits, clip);
    }
}
