package org.cim2pq.engine.space;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.cim2pq.engine.genome.IntGenome;

/**
 * The search space of arraywise (or layerwise) quantization for one tiled network: T tiles, each in a layer; the
 * candidate widths of each precision kind; the granularity; optional per-tile sensitivity (biases mutation towards
 * fewer bits where the network does not care); optional pinned layers (e.g. first and last at 8 bits).
 *
 * <p>A genome holds 3 genes per <em>unit</em> (a tile for {@link Granularity#ARRAY}, a layer for
 * {@link Granularity#LAYER}, units in ascending tile / layer order): gene {@code 3u + k} is the candidate index of
 * precision kind {@code k} of unit {@code u}. Genes of pinned units always hold the pinned widths. Built with
 * {@link #builder()}; immutable.
 */
public final class CimSearchSpace {

    private final int[] layerOfTile;
    private final Granularity granularity;
    private final CandidateSet[] candidates;
    private final int[] unitOfTile;
    private final int[][] tilesOfUnit;
    private final double[] unitSensitivity; // normalised to [0, 1], or null
    private final int[][] pinnedGenes;      // per unit: 3 candidate indices, or null
    private final double[] tileSensitivity; // as given, or null
    private final Map<Integer, TilePrecision> pinnedLayers;

    private CimSearchSpace(Builder b) {
        this.layerOfTile = b.layerOfTile.clone();
        this.granularity = b.granularity;
        this.candidates = new CandidateSet[] {b.inputBits, b.weightBits, b.partialSumBits};
        int t = layerOfTile.length;
        this.unitOfTile = new int[t];
        List<List<Integer>> units = new ArrayList<>();
        if (granularity == Granularity.ARRAY) {
            for (int i = 0; i < t; i++) {
                unitOfTile[i] = i;
                units.add(List.of(i));
            }
        } else {
            // Units are the distinct layers in ascending order; a layer's tiles need not be contiguous.
            TreeMap<Integer, List<Integer>> byLayer = new TreeMap<>();
            for (int i = 0; i < t; i++) {
                byLayer.computeIfAbsent(layerOfTile[i], k -> new ArrayList<>()).add(i);
            }
            for (List<Integer> tiles : byLayer.values()) {
                for (int tile : tiles) {
                    unitOfTile[tile] = units.size();
                }
                units.add(tiles);
            }
        }
        this.tilesOfUnit = units.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
        this.unitSensitivity = b.sensitivity == null ? null : unitSensitivity(b.sensitivity, tilesOfUnit);
        this.tileSensitivity = b.sensitivity == null ? null : b.sensitivity.clone();
        this.pinnedLayers = java.util.Collections.unmodifiableMap(new TreeMap<>(b.pinnedLayers));
        this.pinnedGenes = new int[tilesOfUnit.length][];
        for (Map.Entry<Integer, TilePrecision> pin : b.pinnedLayers.entrySet()) {
            int[] genes = genesFor(pin.getValue(), true);
            boolean found = false;
            for (int u = 0; u < tilesOfUnit.length; u++) {
                boolean allInLayer = true;
                boolean anyInLayer = false;
                for (int tile : tilesOfUnit[u]) {
                    boolean in = layerOfTile[tile] == pin.getKey();
                    allInLayer &= in;
                    anyInLayer |= in;
                }
                if (anyInLayer && allInLayer) {
                    pinnedGenes[u] = genes;
                    found = true;
                }
            }
            if (!found) {
                throw new IllegalArgumentException("pinned layer " + pin.getKey() + " has no tiles");
            }
        }
    }

    /**
     * Mean tile sensitivity per unit, as its rank among the units scaled to [0, 1] (0 = the least sensitive unit,
     * 1 = the most; ties share their mean rank; a single unit is 1). Ranks, not ratios to the largest: measured
     * sensitivities span orders of magnitude, and divided by the largest all but a few units would read as 0 and
     * take the same bias, so the bias would no longer tell tiles apart.
     */
    private static double[] unitSensitivity(double[] perTile, int[][] tilesOfUnit) {
        int n = tilesOfUnit.length;
        double[] mean = new double[n];
        for (int u = 0; u < n; u++) {
            double sum = 0;
            for (int tile : tilesOfUnit[u]) {
                sum += perTile[tile];
            }
            mean[u] = sum / tilesOfUnit[u].length;
        }
        double[] s = new double[n];
        if (n == 1) {
            s[0] = 1.0;
            return s;
        }
        Integer[] order = new Integer[n];
        for (int u = 0; u < n; u++) {
            order[u] = u;
        }
        Arrays.sort(order, (a, b) -> Double.compare(mean[a], mean[b]));
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && mean[order[j + 1]] == mean[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 / (n - 1);
            for (int k = i; k <= j; k++) {
                s[order[k]] = rank;
            }
            i = j + 1;
        }
        return s;
    }

    /** This space with {@code perTile} as its measured sensitivity (null: none); everything else the same. */
    public CimSearchSpace withSensitivity(double[] perTile) {
        Builder b = builder().setTileLayers(layerOfTile).optGranularity(granularity).optInputBits(candidates[0])
                .optWeightBits(candidates[1]).optPartialSumBits(candidates[2]);
        pinnedLayers.forEach(b::optPinnedLayer);
        if (perTile != null) {
            b.optSensitivity(perTile);
        }
        return b.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public int tileCount() {
        return layerOfTile.length;
    }

    /** Search units: tiles (ARRAY) or layers (LAYER). */
    public int unitCount() {
        return tilesOfUnit.length;
    }

    public int geneCount() {
        return 3 * tilesOfUnit.length;
    }

    public Granularity granularity() {
        return granularity;
    }

    public int layerOfTile(int tile) {
        return layerOfTile[tile];
    }

    public int unitOfTile(int tile) {
        return unitOfTile[tile];
    }

    public List<Integer> tilesOfUnit(int unit) {
        return Arrays.stream(tilesOfUnit[unit]).boxed().toList();
    }

    public CandidateSet candidates(PrecisionKind kind) {
        return candidates[kind.offset()];
    }

    /** Number of values gene {@code gene} can take. */
    public int geneCardinality(int gene) {
        return candidates[gene % 3].size();
    }

    public boolean isPinned(int unit) {
        return pinnedGenes[unit] != null;
    }

    /** The per-tile sensitivity as given to the builder, or null when none was. */
    public double[] tileSensitivity() {
        return tileSensitivity == null ? null : tileSensitivity.clone();
    }

    /** Layers pinned to one precision, by layer index (as given to the builder). */
    public Map<Integer, TilePrecision> pinnedLayers() {
        return pinnedLayers;
    }

    public boolean hasSensitivity() {
        return unitSensitivity != null;
    }

    /** The unit's sensitivity rank in [0, 1] (1 = most sensitive); 1 when no sensitivity was given (no bias). */
    public double sensitivity(int unit) {
        return unitSensitivity == null ? 1.0 : unitSensitivity[unit];
    }

    /** The precisions of every tile, in tile order. */
    public List<TilePrecision> decode(IntGenome genome) {
        requireValid(genome);
        List<TilePrecision> out = new ArrayList<>(tileCount());
        for (int tile = 0; tile < tileCount(); tile++) {
            int u = unitOfTile[tile];
            out.add(new TilePrecision(candidates[0].bitsAt(genome.get(3 * u)), candidates[1].bitsAt(genome.get(3 * u + 1)),
                    candidates[2].bitsAt(genome.get(3 * u + 2))));
        }
        return Collections.unmodifiableList(out);
    }

    /** The genome giving every unit {@code precision} (exact candidates required); pinned units keep their pins. */
    public IntGenome encodeUniform(TilePrecision precision) {
        int[] triple = genesFor(precision, true);
        return fill(triple);
    }

    /**
     * The uniform strategy nearest to {@code bits} bits everywhere (e.g. all-8: 8/8/8 on every unconstrained unit;
     * a kind whose candidates lack the width takes the nearest one).
     */
    public IntGenome uniform(int bits) {
        return fill(genesFor(TilePrecision.uniform(bits), false));
    }

    private IntGenome fill(int[] triple) {
        int[] genes = new int[geneCount()];
        for (int u = 0; u < unitCount(); u++) {
            int[] src = pinnedGenes[u] != null ? pinnedGenes[u] : triple;
            System.arraycopy(src, 0, genes, 3 * u, 3);
        }
        return new IntGenome(genes);
    }

    /** A uniformly random genome (pinned units pinned). */
    public IntGenome random(SplittableRandom random) {
        int[] genes = new int[geneCount()];
        for (int u = 0; u < unitCount(); u++) {
            for (int k = 0; k < 3; k++) {
                genes[3 * u + k] = pinnedGenes[u] != null ? pinnedGenes[u][k] : random.nextInt(candidates[k].size());
            }
        }
        return new IntGenome(genes);
    }

    /** Throws unless the genome has the right length, in-range genes and its pins. */
    public void requireValid(IntGenome genome) {
        if (genome.length() != geneCount()) {
            throw new IllegalArgumentException("genome has " + genome.length() + " genes, space needs " + geneCount());
        }
        for (int g = 0; g < genome.length(); g++) {
            int u = g / 3;
            if (genome.get(g) >= geneCardinality(g)) {
                throw new IllegalArgumentException("gene " + g + " = " + genome.get(g) + " out of range");
            }
            if (pinnedGenes[u] != null && pinnedGenes[u][g % 3] != genome.get(g)) {
                throw new IllegalArgumentException("gene " + g + " of pinned unit " + u + " changed");
            }
        }
    }

    private int[] genesFor(TilePrecision p, boolean exact) {
        int[] genes = new int[3];
        for (PrecisionKind k : PrecisionKind.values()) {
            CandidateSet c = candidates[k.offset()];
            int idx = exact ? c.indexOf(p.bits(k)) : c.nearestIndex(p.bits(k));
            if (idx < 0) {
                throw new IllegalArgumentException(k + " width " + p.bits(k) + " is not a candidate " + c.bits());
            }
            genes[k.offset()] = idx;
        }
        return genes;
    }

    /** DJL-style builder: {@code set*} required, {@code opt*} optional with METHOD.md defaults. */
    public static final class Builder {
        private int[] layerOfTile;
        private Granularity granularity = Granularity.ARRAY;
        private CandidateSet inputBits = CandidateSet.DEFAULT_INPUT_BITS;
        private CandidateSet weightBits = CandidateSet.DEFAULT_WEIGHT_BITS;
        private CandidateSet partialSumBits = CandidateSet.DEFAULT_PARTIAL_SUM_BITS;
        private double[] sensitivity;
        private final Map<Integer, TilePrecision> pinnedLayers = new TreeMap<>();

        private Builder() {
        }

        /** Required: the layer index of each tile, in tile order. */
        public Builder setTileLayers(int... layerOfTile) {
            this.layerOfTile = layerOfTile.clone();
            return this;
        }

        /** Default {@link Granularity#ARRAY}. */
        public Builder optGranularity(Granularity granularity) {
            this.granularity = granularity;
            return this;
        }

        /** Default 2..8 bits. */
        public Builder optInputBits(CandidateSet bits) {
            this.inputBits = bits;
            return this;
        }

        /** Default 2..8 bits. */
        public Builder optWeightBits(CandidateSet bits) {
            this.weightBits = bits;
            return this;
        }

        /** Default 2..10 bits. */
        public Builder optPartialSumBits(CandidateSet bits) {
            this.partialSumBits = bits;
            return this;
        }

        /** Per-tile sensitivity (any non-negative scale, e.g. accuracy drop at low precision); default none. */
        public Builder optSensitivity(double... perTile) {
            this.sensitivity = perTile.clone();
            return this;
        }

        /** Pins every tile of {@code layer} to {@code precision} (which must be candidates); default none. */
        public Builder optPinnedLayer(int layer, TilePrecision precision) {
            pinnedLayers.put(layer, precision);
            return this;
        }

        public CimSearchSpace build() {
            if (layerOfTile == null || layerOfTile.length == 0) {
                throw new IllegalArgumentException("setTileLayers is required and must name at least one tile");
            }
            if (sensitivity != null) {
                if (sensitivity.length != layerOfTile.length) {
                    throw new IllegalArgumentException("sensitivity needs one value per tile");
                }
                for (double s : sensitivity) {
                    if (!(s >= 0) || Double.isInfinite(s)) {
                        throw new IllegalArgumentException("sensitivity must be finite and >= 0: " + s);
                    }
                }
            }
            return new CimSearchSpace(this);
        }
    }
}
