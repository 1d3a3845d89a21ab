package org.cim2pq.sim.cim.inference;

import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;

import org.cim2pq.sim.cim.array.LayerTiling;
import org.cim2pq.sim.cim.array.NetworkTiling;
import org.cim2pq.sim.cim.noise.NoiseSetting;
import org.cim2pq.sim.cim.quant.TileCalibration;
import org.cim2pq.sim.cim.quant.TilePrecisions;
import org.cim2pq.sim.network.FoldedNetwork;
import org.cim2pq.sim.network.NetworkOp;

/**
 * Arraywise quantized execution of a {@link FoldedNetwork} for a strategy (per-tile {@link TilePrecisions} in tile
 * order), at {@link Fidelity#PSUM} fidelity ({@link PartialSumLayers}) or {@link Fidelity#BITSERIAL} fidelity
 * ({@link BitSerialLayers}), each on its native kernel where it is built or on DJL, with the same floats. It only
 * reads calibrated quantizers from {@link TileCalibration}; the bit-serial ADCs are calibrated on first use from the
 * {@link CalibrationRun}. Not thread-safe per strategy run; the caches are.
 */
public final class ArraywiseInference implements AutoCloseable {

    /** Images of the batch on which ADC saturation is counted. */
    public static final int CLIPPING_SAMPLE_IMAGES = 128;

    private final NetworkProgram program;
    private final NetworkTiling tiling;
    private final Fidelity fidelity;
    private final boolean clippingStatistics;
    private final boolean nativeKernel;
    private final NDManager manager;
    private final FidelityLayers layers;

    /**
     * @param calibrationRun needed for {@link Fidelity#BITSERIAL} (column counts are recorded from it); may be null
     *        for {@link Fidelity#PSUM}
     * @param clippingStatistics whether to count saturated ADC conversions per tile (costs a few elementwise ops)
     */
    public ArraywiseInference(FoldedNetwork network, TileCalibration calibration, CalibrationRun calibrationRun,
                              Fidelity fidelity, boolean clippingStatistics, NDManager parent) {
        this(network, calibration, calibrationRun, fidelity, clippingStatistics,
                NativeKernels.enabledByDefault(), parent);
    }

    /**
     * @param nativeKernel run quantized layers on the native {@link PartialSumKernel} or {@link BitSerialKernel}
     *        (they must be {@linkplain #nativeKernelsAvailable() available}) rather than on DJL; the results are the
     *        same
     */
    public ArraywiseInference(FoldedNetwork network, TileCalibration calibration, CalibrationRun calibrationRun,
                              Fidelity fidelity, boolean clippingStatistics, boolean nativeKernel,
                              NDManager parent) {
        this(network, calibration, calibrationRun, fidelity, clippingStatistics, nativeKernel, NoiseSetting.IDEAL, 1,
                parent);
    }

    /**
     * @param noise the non-idealities; with {@link NoiseSetting#effectiveDraws()} {@code K > 1}
     *        every batch holds the evaluation images K times, draw after draw
     * @param columnsPerAdc columns sharing one ADC (the preset's provisioning): which ADC's offset and gain a column
     *        sees
     */
    public ArraywiseInference(FoldedNetwork network, TileCalibration calibration, CalibrationRun calibrationRun,
                              Fidelity fidelity, boolean clippingStatistics, boolean nativeKernel, NoiseSetting noise,
                              int columnsPerAdc, NDManager parent) {
        if (nativeKernel && !NativeKernels.available()) {
            throw new IllegalStateException("the native kernels are not available: " + NativeKernels.describe());
        }
        if (fidelity == Fidelity.BITSERIAL && calibrationRun == null) {
            throw new IllegalArgumentException("bitserial fidelity needs the calibration run to record column counts");
        }
        this.nativeKernel = nativeKernel;
        this.program = new NetworkProgram(network);
        this.tiling = calibration.tiling();
        this.fidelity = fidelity;
        this.clippingStatistics = clippingStatistics;
        this.manager = parent.newSubManager();
        ArrayNoise arrayNoise = noise.isIdeal() ? null
                : new ArrayNoise(noise, calibration.tiling().config(), columnsPerAdc);
        this.layers = fidelity == Fidelity.PSUM
                ? new PartialSumLayers(calibration, calibrationRun, nativeKernel, arrayNoise, manager)
                : new BitSerialLayers(network, calibration, calibrationRun, nativeKernel, arrayNoise, manager);
    }

    /** Whether the native kernels are loaded in this JVM. */
    public static boolean nativeKernelsAvailable() {
        return NativeKernels.available();
    }

    /** Whether quantized layers run on the native kernels by default (available, not turned off by a property). */
    public static boolean nativeKernelsEnabledByDefault() {
        return NativeKernels.enabledByDefault();
    }

    /** Which implementation runs quantized layers by default, in one line (for benchmarks and logs). */
    public static String defaultKernels() {
        return NativeKernels.describe();
    }

    /** Whether this instance runs its layers on the native kernels. */
    public boolean usesNativeKernels() {
        return nativeKernel;
    }

    public NetworkProgram program() {
        return program;
    }

    public Fidelity fidelity() {
        return fidelity;
    }

    /** Logits for {@code input} under {@code strategy}, attached to {@code input}'s manager. */
    public NDArray forward(NDArray input, List<TilePrecisions> strategy, PartialSumClipping clipping) {
        return program.run(input, kernel(strategy, clipping), input.getManager());
    }

    /** The layer kernel for {@code strategy}; {@code clipping} may be null. */
    public LayerKernel kernel(List<TilePrecisions> strategy, PartialSumClipping clipping) {
        if (strategy.size() != tiling.tiles().size()) {
            throw new IllegalArgumentException("strategy has " + strategy.size() + " tile precisions, network has "
                    + tiling.tiles().size() + " tiles");
        }
        PartialSumClipping counter = clippingStatistics ? clipping : null;
        return (layerIndex, layer, x) -> {
            LayerTiling lt = tiling.layers().get(layerIndex);
            NDArray y = layers.apply(lt, layer, TileConvolution.asMaps(x), strategy, counter);
            return layer instanceof NetworkOp.Linear ? y.reshape(y.getShape().get(0), lt.outChannels()) : y;
        };
    }

    /** One fidelity's weight layers: a layer's pre-activation output (bias included) on {@code maps} (N, C, H, W). */
    interface FidelityLayers {
        NDArray apply(LayerTiling lt, NetworkOp.WeightLayer layer, NDArray maps, List<TilePrecisions> strategy,
                      PartialSumClipping counter);
    }

    /** Cached arrays are created lazily inside a layer's NDScope; they must outlive it. */
    static NDArray cached(NDArray array) {
        NDScope.unregister(array);
        return array;
    }

    @Override
    public void close() {
        manager.close();
    }
}
