package org.cim2pq.actors.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.cim2pq.engine.genome.IntGenome;
import org.cim2pq.engine.space.CimSearchSpace;
import org.cim2pq.engine.space.TilePrecision;

/**
 * A cheap but real strategy -> objectives function for actor tests: each layer is one tile group whose tiles add
 * an analytic quantization error (noise power of uniform quantizers, 2^-2b per precision, weighted by a per-tile
 * sensitivity) and an analytic hardware cost (ADC conversions x ISAAC-like energy per conversion, bit-serial
 * cycles x ADC time, ADC area). Deterministic, so a resumed search must reproduce an uninterrupted one exactly.
 */
public final class AnalyticModel implements EvaluationModel {

    private final CimSearchSpace space;
    private final int layers;
    private final long stageSleepMillis;
    private final UnaryOperator<TileGroupSimulation> wrapper;
    /** Time spent inside the groups' run(), summed over all pipelines (benchmarks compare it with wall time). */
    public static final java.util.concurrent.atomic.LongAdder COMPUTE_NANOS = new java.util.concurrent.atomic.LongAdder();

    /** {@code tilesPerLayer[l]} tiles in layer l; each stage sleeps {@code stageSleepMillis} to be interruptible. */
    public AnalyticModel(int[] tilesPerLayer, long stageSleepMillis) {
        this(tilesPerLayer, stageSleepMillis, UnaryOperator.identity());
    }

    private AnalyticModel(int[] tilesPerLayer, long stageSleepMillis, UnaryOperator<TileGroupSimulation> wrapper) {
        List<Integer> layerOfTile = new ArrayList<>();
        for (int l = 0; l < tilesPerLayer.length; l++) {
            for (int t = 0; t < tilesPerLayer[l]; t++) {
                layerOfTile.add(l);
            }
        }
        this.space = CimSearchSpace.builder().setTileLayers(layerOfTile.stream().mapToInt(Integer::intValue).toArray())
                .build();
        this.layers = tilesPerLayer.length;
        this.stageSleepMillis = stageSleepMillis;
        this.wrapper = wrapper;
    }

    /** The same model with every tile group wrapped (e.g. to inject faults). */
    public AnalyticModel wrapped(UnaryOperator<TileGroupSimulation> wrapper) {
        int[] tiles = new int[layers];
        for (int t = 0; t < space.tileCount(); t++) {
            tiles[space.layerOfTile(t)]++;
        }
        return new AnalyticModel(tiles, stageSleepMillis, wrapper);
    }

    @Override
    public String name() {
        return "analytic-" + layers + "x" + space.tileCount();
    }

    @Override
    public String fingerprint() {
        return "analytic:v1:" + space.tileCount();
    }

    @Override
    public String dataset() {
        return "none";
    }

    @Override
    public String dataFingerprint() {
        return "none";
    }

    @Override
    public CimSearchSpace space() {
        return space;
    }

    @Override
    public List<String> objectives() {
        return List.of("error_pct", "energy_pj", "latency_ns", "area_um2");
    }

    /** The whole evaluation in one call (the groups in order), as the in-memory reference search needs it. */
    public double[] evaluate(IntGenome genome) {
        try {
            return TileGroupSimulation.evaluate(newTileGroups(), genome).objectives();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Running sums passed from group to group. */
    record Partial(double noise, double energy, double latency, double area) implements Activations {}

    /** Tile groups built so far, per group (a restart builds one more of that group only). */
    public final java.util.concurrent.ConcurrentHashMap<Integer, java.util.concurrent.atomic.AtomicInteger> built =
            new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public int tileGroups() {
        return layers;
    }

    @Override
    public TileGroupSimulation newTileGroup(int index) {
        built.computeIfAbsent(index, i -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
        return wrapper.apply(new LayerGroup(index, index == layers - 1));
    }

    private final class LayerGroup implements TileGroupSimulation {
        private final int layer;
        private final boolean last;

        LayerGroup(int layer, boolean last) {
            this.layer = layer;
            this.last = last;
        }

        @Override
        public String name() {
            return "layer" + layer;
        }

        @Override
        public StageOutput run(IntGenome genome, Activations upstream) throws Exception {
            long start = System.nanoTime();
            try {
                return compute(genome, upstream);
            } finally {
                COMPUTE_NANOS.add(System.nanoTime() - start);
            }
        }

        private StageOutput compute(IntGenome genome, Activations upstream) throws Exception {
            if (stageSleepMillis > 0) {
                Thread.sleep(stageSleepMillis);
            }
            Partial p = upstream == null ? new Partial(0, 0, 0, 0) : (Partial) upstream;
            List<TilePrecision> precisions = space.decode(genome);
            double noise = p.noise(), energy = p.energy(), latency = 0, area = p.area();
            for (int t = 0; t < precisions.size(); t++) {
                if (space.layerOfTile(t) != layer) {
                    continue;
                }
                TilePrecision tp = precisions.get(t);
                double sensitivity = 1.0 + (t * 7 % 5); // tiles differ in how much they care
                noise += sensitivity * (Math.pow(2, -2 * tp.inputBits()) + Math.pow(2, -2 * tp.weightBits())
                        + Math.pow(2, -2 * (tp.partialSumBits() - 2)));
                int columns = 64 * ((tp.weightBits() + 1) / 2) * 2;
                double conversions = 49.0 * tp.inputBits() * columns;
                energy += conversions * (0.2 * tp.partialSumBits() + 0.1);
                latency = Math.max(latency, 49.0 * tp.inputBits() * (columns / 8.0) * (tp.partialSumBits() + 1));
                area += columns / 8.0 * 60 * Math.pow(1.45, tp.partialSumBits());
            }
            Partial out = new Partial(noise, energy, p.latency() + latency, area);
            if (!last) {
                return out;
            }
            double error = 8.0 + 100.0 * (1 - Math.exp(-40 * out.noise()));
            return new EvaluationOutcome(new double[] {error, out.energy(), out.latency(), out.area()},
                    Map.of("tops_per_w", 1e6 / out.energy()));
        }
    }
}
