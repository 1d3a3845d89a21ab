package org.cim2pq.sim.cim.quant;

/**
 * A tile's weights at one precision: integer levels (as floats, so a convolution over them is exact integer
 * arithmetic) and the scale of every output channel (all equal with one scale per tile).
 *
 * @param bits bW
 * @param levels integer weight levels, row-major {@code [outChannels][inChannels][k][k]} of the tile
 * @param scales per output channel of the tile, real value = level * scale
 */
public record WeightQuantization(int bits, float[] levels, float[] scales) {

    public WeightQuantization {
        levels = levels.clone();
        scales = scales.clone();
    }

    @Override
    public float[] levels() {
        return levels.clone();
    }

    @Override
    public float[] scales() {
        return scales.clone();
    }
}
