package org.cim2pq.sim.cim.eval;

import ai.djl.ndarray.NDManager;

import org.cim2pq.sim.cim.inference.ArraywiseInference;
import org.cim2pq.sim.cim.quant.TileCalibration;

/**
 * The simulated tiles of one tile group (a run of consecutive weight layers): their per-(tile, precision)
 * calibration, the quantized weights and kernel buffers of their layers, and the group's share of the prefix
 * cache. Built alone from the shared {@link CimEvaluator} (network, calibration record, evaluation batch), so a
 * tile-group simulator that crashes rebuilds only its own state. Runs one strategy at a time: not thread-safe,
 * but stages of one evaluator may run in different threads at once.
 */
public final class TileGroupStage implements AutoCloseable {

    private final String name;
    private final int fromSegment;
    private final int toSegment;
    private final NDManager manager;
    private final NDManager handoffs;
    private final TileCalibration calibration;
    private final ArraywiseInference inference;
    private final PrefixCache cache;

    TileGroupStage(CimEvaluator evaluator, String name, int fromSegment, int toSegment, ActivationBudget budget) {
        this.name = name;
        this.fromSegment = fromSegment;
        this.toSegment = toSegment;
        this.manager = evaluator.manager().newSubManager();
        this.handoffs = evaluator.manager(); // a handoff must outlive its sender (which may be restarted)
        try {
            this.calibration = evaluator.newCalibration();
            this.inference = evaluator.newInference(calibration, manager);
            this.cache = new PrefixCache(evaluator.tiling(), inference.program(), fromSegment, toSegment,
                    fromSegment == 0 ? evaluator.images() : null, budget, manager,
                    toSegment < evaluator.tiling().layers().size() ? handoffs : null);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    public String name() {
        return name;
    }

    /** First segment (weight layer, in tiling order) of the group. */
    public int fromSegment() {
        return fromSegment;
    }

    /** One past the group's last segment. */
    public int toSegment() {
        return toSegment;
    }

    /**
     * Runs the group's layers for the handed strategy and returns the activations after them, borrowed from this
     * stage's cache: valid until this stage runs again. {@code in} is taken over (kept in the cache or closed).
     * Pass the result to the next stage through {@link #handOff}, or score it with {@link CimEvaluator#score}.
     */
    public Handoff run(Handoff in) {
        PrefixCache.Run run = cache.run(inference, in); // takes in over (kept as an entry, or closed)
        return new Handoff(in.strategy, toSegment, run.env(), run.clipping(), run.reused(), run.reusing(),
                in.startNanos, run.shared());
    }

    /**
     * {@code out} (returned by {@link #run}) for the next stage, valid until that one closes or keeps it: a hold
     * on the activations this stage's cache shares (no copy), so this stage may evict them meanwhile ({@code out}
     * itself is valid only until this stage runs again).
     */
    public Handoff handOff(Handoff out) {
        return out.handOver(handoffs);
    }

    /** Quantizers this group calibrated so far. */
    public int calibratedQuantizers() {
        return calibration.calibrated();
    }

    TileCalibration calibration() {
        return calibration;
    }

    ArraywiseInference inference() {
        return inference;
    }

    /** Bytes of activations in this group's share of the prefix cache. */
    public long cachedBytes() {
        return cache.bytes();
    }

    /** Drops the group's cached activations. */
    public void clearActivationCache() {
        cache.clear();
    }

    /** Frees the group's cached activations and tensors. */
    @Override
    public void close() {
        try {
            cache.close();
        } finally {
            manager.close();
        }
    }
}
