package org.cim2pq.engine.space;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.cim2pq.engine.genome.IntGenome;
import org.junit.jupiter.api.Test;

class CimSearchSpaceTest {

    /** Layer 0: 1 tile, layer 1: 3 tiles, layer 2: 2 tiles. */
    private static CimSearchSpace.Builder sixTiles() {
        return CimSearchSpace.builder().setTileLayers(0, 1, 1, 1, 2, 2);
    }

    @Test
    void arraywiseHasOneTriplePerTile() {
        CimSearchSpace s = sixTiles().build();
        assertEquals(6, s.unitCount());
        assertEquals(18, s.geneCount());
        assertEquals(7, s.geneCardinality(0));
        assertEquals(9, s.geneCardinality(2));
        List<TilePrecision> p = s.decode(s.uniform(8));
        assertEquals(6, p.size());
        assertTrue(p.stream().allMatch(t -> t.equals(TilePrecision.uniform(8))));
    }

    @Test
    void layerwiseSharesOneTriplePerLayer() {
        CimSearchSpace s = sixTiles().optGranularity(Granularity.LAYER).build();
        assertEquals(3, s.unitCount());
        assertEquals(List.of(1, 2, 3), s.tilesOfUnit(1));
        IntGenome g = IntGenome.of(0, 0, 0, 6, 6, 8, 2, 2, 2);
        List<TilePrecision> p = s.decode(g);
        assertEquals(new TilePrecision(2, 2, 2), p.get(0));
        assertEquals(new TilePrecision(8, 8, 10), p.get(1));
        assertEquals(p.get(1), p.get(3));
        assertEquals(new TilePrecision(4, 4, 4), p.get(5));
    }

    @Test
    void pinnedLayersKeepTheirPrecisionEverywhere() {
        CimSearchSpace s = sixTiles().optPinnedLayer(0, TilePrecision.uniform(8)).optPinnedLayer(2, TilePrecision.uniform(8)).build();
        assertTrue(s.isPinned(0));
        assertFalse(s.isPinned(1));
        assertTrue(s.isPinned(5));
        List<TilePrecision> p = s.decode(s.uniform(4));
        assertEquals(TilePrecision.uniform(8), p.get(0));
        assertEquals(TilePrecision.uniform(4), p.get(1));
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 50; i++) {
            List<TilePrecision> q = s.decode(s.random(r));
            assertEquals(TilePrecision.uniform(8), q.get(4));
        }
        IntGenome bad = s.uniform(4).with(0, 0);
        assertThrows(IllegalArgumentException.class, () -> s.requireValid(bad));
        assertThrows(IllegalArgumentException.class,
                () -> sixTiles().optPinnedLayer(0, TilePrecision.uniform(12)).build());
    }

    @Test
    void sensitivityIsNormalisedPerUnit() {
        CimSearchSpace s = sixTiles().optSensitivity(4, 1, 1, 1, 2, 0).optGranularity(Granularity.LAYER).build();
        // layer means 4, 1, 1: the first ranks highest (1), the tied two share ranks 0 and 1 of 2: 0.25
        assertEquals(1.0, s.sensitivity(0), 1e-12);
        assertEquals(0.25, s.sensitivity(1), 1e-12);
        assertEquals(0.25, s.sensitivity(2), 1e-12);
        CimSearchSpace tiles = sixTiles().optSensitivity(1e-6, 3e-4, 0.5, 2e-6, 7, 0).build();
        assertArrayEquals(new double[] {0.2, 0.6, 0.8, 0.4, 1.0, 0.0},
                java.util.stream.IntStream.range(0, 6).mapToDouble(tiles::sensitivity).toArray(), 1e-12,
                "ranks, not ratios to the largest");
        CimSearchSpace again = sixTiles().build().withSensitivity(new double[] {1e-6, 3e-4, 0.5, 2e-6, 7, 0});
        assertEquals(tiles.tileSensitivity()[4], again.tileSensitivity()[4]);
        assertEquals(tiles.sensitivity(3), again.sensitivity(3));
        assertEquals(1.0, sixTiles().build().sensitivity(3), 0.0, "no sensitivity = no bias");
    }
}
