package org.cim2pq.sim.cim.inference;

import java.util.function.BiFunction;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;

import org.cim2pq.sim.cim.array.ArrayConfig;
import org.cim2pq.sim.cim.array.ArrayTile;
import org.cim2pq.sim.cim.noise.NoiseProfile;
import org.cim2pq.sim.cim.noise.NoiseSetting;
import org.cim2pq.sim.cim.noise.NoiseStream;
import org.cim2pq.sim.cim.quant.BitSerialAdc;
import org.cim2pq.sim.cim.quant.PartialSumQuantizer;
import org.cim2pq.sim.cim.quant.TilePrecisions;

/**
 * The non-idealities of {@link NoiseSetting} as the two machines see them (docs/sim-noise.md states the model):
 * one tile's programmed conductances and its columns' ADC transfer for one draw (chip instance), computed in Java and
 * handed to both the native kernel and the DJL path, plus the per-conversion stream seed both draw the same
 * Gaussians from ({@link NoiseStream}). The psum machine ({@link #effectiveWeights}, {@link #sums}) programs the same
 * cells with the same draws, so a draw is one chip under both machines, and converts each output channel's analog sum
 * once.
 *
 * <p>Positions. A tile's physical columns hold its output channels one after another, each channel's polarity
 * columns and slices side by side ({@code physical = channel * groups + group}); the column's ADC is
 * {@code physical / columnsPerAdc} (the preset's provisioning). Stuck-at faults and ADC offsets and gains are the
 * chip's: keyed by (draw, tile, position), the same for every strategy. Programming variation is keyed by (draw, tile,
 * bW, position): the same weights programmed on the same chip vary the same way. Conversion noise is keyed by (draw,
 * tile, bIn, bW, bPs) and (image, pixel, cycle, column): a layer's noise depends only on what its tiles hold, so the
 * prefix cache and the pipelines reuse activations exactly.
 *
 * <p>Conductances are kept on a grid of {@link #GRID} steps per cell level, so column sums stay exact integers in
 * float32 (below 2^24 for arrays up to 4096 rows) and the two paths sum them in any order to the same value.
 */
final class ArrayNoise {

    /** Grid points per cell level: a conductance is rounded to 1/1024 of a level, 100x below the profiles' sigmas. */
    static final int GRID = 1024;
    /** Upper clamp of a programmed conductance, in top levels (never reached by the profiles' sigmas). */
    static final double CLAMP_TOP_LEVELS = 2;
    /** Floats per column in {@link Columns#values}: gain / step, offset, read variance per active row, constant variance. */
    static final int COLUMN_FLOATS = 4;

    private final NoiseSetting setting;
    private final NoiseProfile profile;
    private final ArrayConfig array;
    private final int columnsPerAdc;

    ArrayNoise(NoiseSetting setting, ArrayConfig array, int columnsPerAdc) {
        this.setting = setting;
        this.profile = setting.profile();
        this.array = array;
        this.columnsPerAdc = columnsPerAdc;
    }

    int draws() {
        return setting.effectiveDraws();
    }

    /**
     * A noisy layer over a batch that holds the evaluation images once per draw (chip instance), draw after draw:
     * {@code layer} runs each draw's share on that draw's chip (its conversions keyed by their index within the
     * draw), and the shares' outputs are joined in draw order.
     */
    NDArray perDraw(NDArray maps, BiFunction<NDArray, Integer, NDArray> layer) {
        long images = maps.getShape().get(0);
        int draws = draws();
        if (images % draws != 0) {
            throw new IllegalArgumentException(images + " images are not " + draws + " draws of one batch");
        }
        long per = images / draws;
        NDList outs = new NDList();
        for (int d = 0; d < draws; d++) {
            outs.add(layer.apply(draws == 1 ? maps : maps.get(new NDIndex("{}:{}", d * per, (d + 1) * per)), d));
        }
        return outs.size() == 1 ? outs.get(0) : NDArrays.concat(outs, 0);
    }

    /** Whether the crossbar holds perturbed conductances (else the ideal levels, and only conversions are noisy). */
    boolean perturbsCells() {
        return profile.perturbsCells();
    }

    /** What a column count is multiplied by to be in level units: {@code 1 / GRID} with perturbed cells, else 1. */
    float cellScale() {
        return perturbsCells() ? 1f / GRID : 1f;
    }

    /**
     * The programmed cells of a tile for one draw, from its ideal cell levels {@code levels} laid out
     * {@code (columns, rows)} (column {@code group * outChannels + o}), in the same layout: {@code GRID} times the
     * conductance in level units, an integer; the ideal levels themselves when no cell is perturbed.
     */
    float[] conductances(float[] levels, ArrayTile t, int weightBits, int groups, int rows, int draw) {
        if (!perturbsCells()) {
            return levels;
        }
        int top = (1 << array.cellBits()) - 1;
        if ((long) rows * Math.round(CLAMP_TOP_LEVELS * top * GRID) >= 1L << 24) {
            throw new IllegalArgumentException("noise: " + rows + " rows of " + array.cellBits()
                    + "-bit cells do not keep column sums exact");
        }
        double[] sigma = new double[top + 1];
        for (int l = 0; l <= top; l++) {
            sigma[l] = profile.programmingSigmaSteps(l, top);
        }
        long stuck = NoiseStream.key(setting.seed(), NoiseStream.Purpose.STUCK_AT, draw, t.index());
        long programming = NoiseStream.key(setting.seed(), NoiseStream.Purpose.PROGRAMMING, draw, t.index(),
                weightBits);
        int outChannels = t.outChannels();
        float[] out = new float[levels.length];
        for (int column = 0; column < groups * outChannels; column++) {
            long physical = physicalColumn(column, groups, outChannels);
            for (int r = 0; r < rows; r++) {
                int i = column * rows + r;
                int level = (int) levels[i];
                long position = (long) r * array.columns() + physical;
                double u = NoiseStream.uniform(NoiseStream.at(stuck, position));
                double g;
                if (u < profile.stuckOffRate()) {
                    g = 0;
                } else if (u < profile.stuckOffRate() + profile.stuckOnRate()) {
                    g = top;
                } else {
                    g = level + sigma[level] * NoiseStream.gaussian(NoiseStream.at(programming, position));
                }
                out[i] = Math.round(Math.min(Math.max(g, 0), CLAMP_TOP_LEVELS * top) * GRID);
            }
        }
        return out;
    }

    /**
     * The ADC transfer of each of a tile's columns for one draw, and the stream its conversions draw from. Per
     * conversion (both paths, the same float operations): {@code a = count * cellScale};
     * {@code sd = sqrt(readVariance * active + constantVariance)}; {@code v = (a * gain + offset) + sd * n};
     * {@code level = round(clamp(v, 0, max))}; saturated when {@code v > max + 1/2}. {@code active} is the sum of
     * the squared input digits over the tile's rows, {@code n} a {@link NoiseStream#gaussian} of the conversion.
     */
    Columns columns(ArrayTile t, TilePrecisions p, PartialSumQuantizer adc, int groups, int draw) {
        return columns(t, p, BitSerialAdc.uniform(adc, array.slices(p.weightBits())), groups, draw);
    }

    /**
     * {@link #columns(ArrayTile, TilePrecisions, PartialSumQuantizer, int, int)} with a range per weight slice: a
     * column of slice {@code k} converts with the step {@code s / 2^shift[k]}, so its gain is {@code 2^shift[k]} times
     * the tile's (the ADC's errors and noise stay those of the ADC, in its LSB).
     */
    Columns columns(ArrayTile t, TilePrecisions p, BitSerialAdc slices, int groups, int draw) {
        PartialSumQuantizer adc = slices.adc();
        int sliceCount = array.slices(p.weightBits());
        int outChannels = t.outChannels();
        int top = (1 << array.cellBits()) - 1;
        float inverse = adc.isLossless() ? 1f : 1f / adc.quantizer().scale();
        float max = adc.isLossless() ? (float) ((1L << array.losslessPartialSumBits()) - 1) : adc.quantizer().max();
        long chip = NoiseStream.key(setting.seed(), NoiseStream.Purpose.ADC, draw, t.index());
        float[] values = new float[COLUMN_FLOATS * groups * outChannels];
        double read = profile.readSigma() * top;
        double output = profile.columnNoiseSigma() * top;
        for (int column = 0; column < groups * outChannels; column++) {
            long adcIndex = physicalColumn(column, groups, outChannels) / columnsPerAdc;
            double gainError = profile.adcGainSigma() * NoiseStream.gaussian(NoiseStream.at(chip, 2 * adcIndex));
            double offset = profile.adcOffsetSigmaLsb() * NoiseStream.gaussian(NoiseStream.at(chip, 2 * adcIndex + 1));
            int slice = column / outChannels % sliceCount; // kernel columns are (polarity, slice, channel)
            float gain = (float) (Math.scalb(inverse, slices.shift(slice)) * (1 + gainError));
            int v = COLUMN_FLOATS * column;
            values[v] = gain;
            values[v + 1] = (float) offset;
            values[v + 2] = (float) ((double) gain * gain * read * read);
            values[v + 3] = (float) ((double) gain * gain * output * output
                    + profile.adcNoiseSigmaLsb() * profile.adcNoiseSigmaLsb());
        }
        long stream = NoiseStream.key(setting.seed(), NoiseStream.Purpose.CONVERSION, draw, t.index(), p.inputBits(),
                p.weightBits(), p.psumBits());
        return new Columns(values, max, cellScale(), stream);
    }

    /**
     * The psum machine's stored weights for one draw: the tile's signed weight levels {@code levels} laid out
     * {@code (outChannels, rows)} are sliced into differential cells exactly as on the bitserial machine, programmed
     * with the same draws ({@link #conductances}: same chip, same keys), and recombined as the analog sum weighs them,
     * {@code W = sum_k (2^cellBits)^k (G+[k] - G-[k])}. Returned in the same layout, in {@code 1/GRID} level units
     * (exact integers, at most {@code 2 * CLAMP_TOP_LEVELS * L * GRID * sum_k 4^k}, below 2^20); the levels themselves
     * when no cell is perturbed.
     */
    float[] effectiveWeights(float[] levels, ArrayTile t, int weightBits, int rows, int draw) {
        if (!perturbsCells()) {
            return levels;
        }
        int sliceCount = array.slices(weightBits);
        float[] g = conductances(BitSerialLayers.slicedLevels(array, levels, weightBits), t, weightBits,
                2 * sliceCount, rows, draw);
        int perGroup = levels.length;
        float[] out = new float[perGroup];
        for (int i = 0; i < perGroup; i++) {
            long sum = 0;
            for (int k = 0; k < sliceCount; k++) {
                long positive = (long) g[k * perGroup + i];
                long negative = (long) g[(sliceCount + k) * perGroup + i];
                sum += (positive - negative) << (array.cellBits() * k);
            }
            out[i] = sum;
        }
        return out;
    }

    /**
     * The psum machine's conversion of each of a tile's output channels for one draw (docs/sim-noise.md derives it):
     * the channel's analog sum {@code S = sum_rows x * W} (input levels times {@link #effectiveWeights}) goes through
     * one ADC, that of the channel's first physical column (the same offset and gain draws as the bitserial machine's
     * column there). Per conversion: {@code v = (S * gain + offset) + sd * n} with
     * {@code sd = sqrt(readVariance * sum_rows x^2 + constantVariance)}, where the read noise of every cell scales
     * with its row's input level, the output noise of every column with the DAC's full scale, and both with each
     * slice's weight {@code (2^cellBits)^k} in the accumulation, over both columns of the pair.
     *
     * @param gain per output channel, the ideal gain from {@code S} to ADC levels (1 for a lossless ADC)
     * @param inputFullScale the DAC's largest input level magnitude (the input a full-scale read applies)
     */
    Sums sums(ArrayTile t, TilePrecisions p, PartialSumQuantizer adc, float[] gain, int inputFullScale, int draw) {
        int sliceCount = array.slices(p.weightBits());
        int groups = 2 * sliceCount;
        int outChannels = t.outChannels();
        int top = (1 << array.cellBits()) - 1;
        double weights = 0; // sum over the pair's two columns and the slices of the squared slice weight
        for (int k = 0; k < sliceCount; k++) {
            weights += 2 * Math.scalb(1.0, 2 * array.cellBits() * k);
        }
        float max = adc.isLossless() ? losslessPartialSumMax(p) : adc.quantizer().max();
        long chip = NoiseStream.key(setting.seed(), NoiseStream.Purpose.ADC, draw, t.index());
        float[] values = new float[COLUMN_FLOATS * outChannels];
        double read = profile.readSigma() * top;
        double output = profile.columnNoiseSigma() * top * inputFullScale;
        for (int o = 0; o < outChannels; o++) {
            long adcIndex = physicalColumn(o, groups, outChannels) / columnsPerAdc;
            double gainError = profile.adcGainSigma() * NoiseStream.gaussian(NoiseStream.at(chip, 2 * adcIndex));
            double offset = profile.adcOffsetSigmaLsb() * NoiseStream.gaussian(NoiseStream.at(chip, 2 * adcIndex + 1));
            float g = (float) ((double) gain[o] * (1 + gainError));
            int v = COLUMN_FLOATS * o;
            values[v] = g;
            values[v + 1] = (float) offset;
            values[v + 2] = (float) ((double) g * g * read * read * weights);
            values[v + 3] = (float) ((double) g * g * output * output * weights
                    + profile.adcNoiseSigmaLsb() * profile.adcNoiseSigmaLsb());
        }
        long stream = NoiseStream.key(setting.seed(), NoiseStream.Purpose.CONVERSION, draw, t.index(), p.inputBits(),
                p.weightBits(), p.psumBits());
        return new Sums(values, max, perturbsCells() ? 1.0 / GRID : 1.0, stream);
    }

    /**
     * The top level of a lossless psum ADC under noise: one level per unit of the sum, symmetric, at the width the
     * cost model charges for it ({@code ceil(log2(2 R (2^bIn - 1)(2^(bW-1) - 1) + 1))} bits); below 2^22, where
     * {@link NativeFloats#round} is exact.
     */
    float losslessPartialSumMax(TilePrecisions p) {
        long levels = 2L * array.rows() * ((1L << p.inputBits()) - 1) * ((1L << (p.weightBits() - 1)) - 1) + 1;
        int bits = 64 - Long.numberOfLeadingZeros(levels - 1);
        return (float) ((1L << (bits - 1)) - 1);
    }

    /** A kernel column's physical position in its array: channel-major, polarity columns and slices side by side. */
    static long physicalColumn(int column, int groups, int outChannels) {
        return (long) (column % outChannels) * groups + column / outChannels;
    }

    /**
     * One tile's columns for one draw.
     *
     * @param values {@link #COLUMN_FLOATS} per column: gain over the ADC step, offset (LSB), read variance per active
     *        row and constant variance (LSB^2)
     * @param max the ADC's top level
     * @param cellScale a column count times this is in level units
     * @param stream the conversion stream's seed
     */
    record Columns(float[] values, float max, float cellScale, long stream) {

        /**
         * One conversion before the ADC clamps and rounds it, in LSB: column {@code column}'s count {@code count}
         * with {@code active} squared input digits, the {@code counter}-th conversion of the tile.
         */
        float analog(int column, float count, float active, long counter) {
            int v = COLUMN_FLOATS * column;
            float a = count * cellScale;
            float sd = (float) Math.sqrt(values[v + 2] * active + values[v + 3]);
            return (a * values[v] + values[v + 1]) + sd * NoiseStream.gaussian(NoiseStream.at(stream, counter));
        }

        /** The ADC level of an {@link #analog} value. */
        float level(float x) {
            x = x < 0f ? 0f : x;
            x = x > max ? max : x;
            return (x + NativeFloats.ROUNDING_MAGIC) - NativeFloats.ROUNDING_MAGIC;
        }

        /** Whether an {@link #analog} value saturates the ADC (rounds beyond its top level). */
        boolean saturates(float x) {
            return x > max + 0.5f;
        }
    }

    /**
     * One psum tile's output channels for one draw.
     *
     * @param values {@link #COLUMN_FLOATS} per output channel: gain over the ADC step, offset (LSB), read variance per
     *        unit of {@code sum_rows x^2} and constant variance (LSB^2)
     * @param max the ADC's top level (it converts {@code -max .. max})
     * @param cellScale a sum of {@link #effectiveWeights} times this is in level units
     * @param stream the conversion stream's seed
     */
    record Sums(float[] values, float max, double cellScale, long stream) {

        /**
         * One conversion before the ADC clamps and rounds it, in LSB: channel {@code channel}'s sum {@code sum}
         * (exact, in {@link #effectiveWeights} units) with {@code active = sum_rows x^2}, the {@code counter}-th
         * conversion of the tile.
         */
        float analog(int channel, double sum, float active, long counter) {
            int v = COLUMN_FLOATS * channel;
            float a = (float) (sum * cellScale);
            float sd = (float) Math.sqrt(values[v + 2] * active + values[v + 3]);
            return (a * values[v] + values[v + 1]) + sd * NoiseStream.gaussian(NoiseStream.at(stream, counter));
        }

        /** The ADC level of an {@link #analog} value: {@code round(clamp(x, -max, max))}, as the ideal psum ADC. */
        float level(float x) {
            return NativeFloats.round(Math.min(Math.max(x, -max), max));
        }

        /** Whether an {@link #analog} value saturates the ADC (rounds beyond its top level). */
        boolean saturates(float x) {
            return Math.abs(x) > max + 0.5f;
        }
    }

    /** The counter of a conversion: image (within its draw), output pixel, cycle, column of the tile. */
    static long counter(long image, int pixel, int pixels, int cycle, int cycles, int column, int columns) {
        return ((image * pixels + pixel) * cycles + cycle) * columns + column;
    }
}
