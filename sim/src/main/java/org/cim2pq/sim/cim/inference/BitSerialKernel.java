package org.cim2pq.sim.cim.inference;

import java.nio.FloatBuffer;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

import ai.djl.ndarray.NDArray;

/**
 * A bitserial-fidelity layer as one native kernel ({@code sim/src/main/c/bitserial_kernel.c}): per image and tile,
 * the DAC levels are cut into input digits, every cycle's column counts of every weight slice go through the
 * bit-serial ADC and are recombined by shift-add, then dequantized, summed over row blocks and biased, without
 * writing a column count to memory. The DJL path writes them all (cycles x slices x columns per output channel).
 *
 * <p>Bit for bit what {@link ArraywiseInference}'s DJL bitserial path computes (BitSerialKernelTest): column
 * counts are exact integers, the recombination {@code sum coefficient * level} is a sum of integers, exact in
 * double in any order, and everything else is the same float operation in the same order. Part of
 * {@link NativeKernels}.
 *
 * <p>On AVX-512 VBMI the library looks the column counts up in per-tile tables ({@code bitserial_lookup.c}), six
 * rows of 64 pixels per instruction; elsewhere, or with {@value #LOOKUP_PROPERTY}{@code =false}, the generic loops
 * run. Both give the same floats.
 */
final class BitSerialKernel {

    /** Set to {@code false} to run the generic loops where the lookup kernel could run (to compare them). */
    static final String LOOKUP_PROPERTY = "cim2pq.kernels.lookup";

    /** Image ranges the lookup kernel ran, in this JVM (tests check that it did). */
    static final LongAdder LOOKUP_RUNS = new LongAdder();

    private BitSerialKernel() {}

    /**
     * One tile of the layer.
     *
     * @param groups sign columns times weight slices; the tile has {@code groups * outChannels} columns
     * @param inverseScale the DAC quantizer's {@code 1 / scale}, with {@code minLevel .. maxLevel}
     * @param adcInverse the bit-serial ADC's {@code 1 / scale} ({@code adcMax}, {@code adcScale} and {@code adcEdge}
     *        likewise; unused when {@code lossless})
     * @param adcEdge counts above it saturate the ADC
     * @param offset {@code 2^(bW-1)} for the offset-column encoding, 0 for differential pairs
     * @param weights cell levels {@code (rows, groups * outChannels)}, column {@code group * outChannels + o}
     * @param coefficients {@code (cycles, groups)}: the shift-add weight of each cycle and slice
     * @param step per output channel, input step times weight step
     * @param noise the columns' non-idealities for this draw ({@link ArrayNoise}), or null on the ideal machine;
     *        {@code weights} then hold the draw's programmed conductances
     */
    record Tile(int rowBlock, int firstInChannel, int inChannels, int firstOutChannel, int outChannels, int cycles,
                int dacBits, boolean twosComplement, int inputBits, int groups, boolean lossless, float inverseScale,
                int minLevel, int maxLevel, float adcInverse, float adcMax, float adcScale, float adcEdge,
                float offset, float[] weights, double[] coefficients, float[] step, ArrayNoise.Columns noise) {}

    private static final int INTS = 16;
    private static final int FLOATS = 8;

    /**
     * Writes the layer output {@code out} for the input {@code maps}, images split over the cores.
     *
     * @param tiles in ascending row-block order; row block 0's tiles cover every output channel
     * @param clipped per tile, saturated conversions are added here (null: do not count)
     */
    static void run(NDArray maps, NativeKernels.Geometry geometry, List<Tile> tiles, float[] bias, NDArray out,
                    long[] clipped) {
        int count = tiles.size();
        int[] ints = new int[INTS * count];
        float[] floats = new float[FLOATS * count];
        int weightCount = 0;
        int coefficientCount = 0;
        int stepCount = 0;
        int noiseCount = 0;
        for (Tile t : tiles) {
            weightCount += t.weights().length;
            coefficientCount += t.coefficients().length;
            stepCount += t.step().length;
            noiseCount += t.noise() == null ? 0 : 2 + t.noise().values().length;
        }
        // only on a noisy machine: the ideal one passes nulls and its kernel never looks at noise
        float[] noise = noiseCount == 0 ? null : new float[noiseCount];
        long[] streams = noiseCount == 0 ? null : new long[count];
        int n = 0;
        float[] weights = new float[weightCount];
        double[] coefficients = new double[coefficientCount];
        float[] steps = new float[stepCount];
        int w = 0;
        int c = 0;
        int s = 0;
        int kk = geometry.kernel() * geometry.kernel();
        for (int j = 0; j < count; j++) {
            Tile t = tiles.get(j);
            if (t.weights().length != t.inChannels() * kk * t.groups() * t.outChannels()
                    || t.coefficients().length != t.cycles() * t.groups() || t.step().length != t.outChannels()) {
                throw new IllegalArgumentException("tile " + j + ": weights, coefficients or steps of the wrong size");
            }
            System.arraycopy(t.weights(), 0, weights, w, t.weights().length);
            System.arraycopy(t.coefficients(), 0, coefficients, c, t.coefficients().length);
            System.arraycopy(t.step(), 0, steps, s, t.step().length);
            int[] v = {t.rowBlock(), t.firstInChannel(), t.inChannels(), t.firstOutChannel(), t.outChannels(),
                t.cycles(), t.dacBits(), t.twosComplement() ? 1 : 0, t.inputBits(), t.groups(), t.lossless() ? 1 : 0,
                w, c, s, t.noise() == null ? 0 : 1, n};
            if (t.noise() != null) {
                if (t.noise().values().length != ArrayNoise.COLUMN_FLOATS * t.groups() * t.outChannels()) {
                    throw new IllegalArgumentException("tile " + j + ": noise of the wrong size");
                }
                noise[n] = t.noise().cellScale();
                noise[n + 1] = t.noise().max();
                System.arraycopy(t.noise().values(), 0, noise, n + 2, t.noise().values().length);
                n += 2 + t.noise().values().length;
                streams[j] = t.noise().stream();
            }
            System.arraycopy(v, 0, ints, INTS * j, INTS);
            float[] f = {t.inverseScale(), t.minLevel(), t.maxLevel(), t.adcInverse(), t.adcMax(), t.adcScale(),
                t.adcEdge(), t.offset()};
            System.arraycopy(f, 0, floats, FLOATS * j, FLOATS);
            w += t.weights().length;
            c += t.coefficients().length;
            s += t.step().length;
        }
        int[] geometryArray = geometry.toArray();
        FloatBuffer x = NativeFloats.view(maps);
        FloatBuffer y = NativeFloats.view(out);
        int images = Math.toIntExact(maps.getShape().get(0));
        boolean lookup = Boolean.parseBoolean(System.getProperty(LOOKUP_PROPERTY, "true"));
        NativeFloats.forEachImageRange(images, (from, to) -> {
            long[] counts = clipped == null ? null : new long[count];
            if (run(x, y, geometryArray, ints, floats, weights, coefficients, steps, bias, from, to, counts, lookup,
                    noise, streams)) {
                LOOKUP_RUNS.increment();
            }
            if (counts != null) {
                synchronized (clipped) {
                    for (int j = 0; j < count; j++) {
                        clipped[j] += counts[j];
                    }
                }
            }
        });
    }

    /** Whether this CPU can run the lookup kernel (AVX-512 VBMI). */
    static native boolean lookupCpu();

    /** @return whether the lookup kernel ran (else the generic loops did) */
    private static native boolean run(FloatBuffer x, FloatBuffer out, int[] geometry, int[] ints, float[] floats,
                                      float[] weights, double[] coefficients, float[] step, float[] bias, int from,
                                      int to, long[] clipped, boolean lookup, float[] noise, long[] streams);
}
