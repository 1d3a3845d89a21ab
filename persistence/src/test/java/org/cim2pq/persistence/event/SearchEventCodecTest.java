package org.cim2pq.persistence.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Message;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.cim2pq.engine.genome.IntGenome;
import org.cim2pq.engine.genome.StrategyId;
import org.cim2pq.engine.problem.Objectives;
import org.cim2pq.engine.space.CimSearchSpace;
import org.cim2pq.engine.space.Granularity;
import org.cim2pq.engine.space.TilePrecision;
import org.cim2pq.persistence.proto.SearchSnapshot;
import org.cim2pq.persistence.serialization.JournalMessages;
import org.junit.jupiter.api.Test;

/**
 * The codec is exact both ways: every format 1 fixture event decodes and encodes back to the same bytes, a typed
 * event survives encode and decode, format 1's text convention for copies is read as a copy, and a journaled search
 * space rebuilds the engine's space.
 */
class SearchEventCodecTest {

    private static Message fixture(String name) throws Exception {
        try (InputStream in = SearchEventCodecTest.class.getClassLoader()
                .getResourceAsStream("fixtures/v1/cim2pq.v1." + name + ".bin")) {
            return JournalMessages.parser("cim2pq.v1." + name).orElseThrow().parseFrom(in.readAllBytes());
        }
    }

    @Test
    void formatOneEventsDecodeAndEncodeBackExactly() throws Exception {
        for (String name : List.of("SearchStarted", "PopulationInitialized", "GenerationStarted", "CrossoverApplied",
                "MutationApplied", "StrategyEvaluated", "EvaluationFailed", "SelectionApplied", "SearchCompleted")) {
            Message stored = fixture(name);
            assertTrue(SearchEventCodec.isEvent(stored), name);
            SearchEvent event = SearchEventCodec.decode(stored);
            assertEquals(name, event.type());
            assertEquals(stored, SearchEventCodec.encode(event), name);
        }
        assertFalse(SearchEventCodec.isEvent(fixture("SearchSnapshot")));
        assertThrows(IllegalArgumentException.class, () -> SearchEventCodec.decode(fixture("WorkRequest")));
    }

    @Test
    void formatOneCopiesAreReadAsCopies() {
        var legacy = org.cim2pq.persistence.proto.StrategyEvaluated.newBuilder().setStrategyId("g2-1")
                .addObjectives(9.5).setAttempt(0).setEvaluator("same genome as g1-4").build();
        SearchEvent.StrategyEvaluated copy = SearchEventCodec.decodeResult(legacy);
        assertEquals(StrategyId.parse("g1-4"), copy.copiedFrom());
        var failed = org.cim2pq.persistence.proto.EvaluationFailed.newBuilder().setStrategyId("g2-2").setAttempts(0)
                .setReason("same genome as g1-0, which failed").build();
        assertEquals(StrategyId.parse("g1-0"), ((SearchEvent.EvaluationFailed) SearchEventCodec.decode(failed)).copiedFrom());
        var evaluated = legacy.toBuilder().setAttempt(1).setEvaluator("pipeline-0").build();
        assertNull(SearchEventCodec.decodeResult(evaluated).copiedFrom());
    }

    @Test
    void aCopyKeepsItsSourceInItsOwnField() {
        SearchEvent.StrategyEvaluated source = new SearchEvent.StrategyEvaluated(StrategyId.parse("g1-4"),
                Objectives.of(9.5, 1e6, 2e4, 3e5), Map.of("tops_per_w", 3.2), 1, "pipeline-0", 1234, null);
        SearchEvent.StrategyEvaluated copy = source.copiedTo(StrategyId.parse("g2-1"));
        var stored = SearchEventCodec.encodeResult(copy);
        assertEquals("g1-4", stored.getCopiedFrom());
        assertEquals(copy, SearchEventCodec.decodeResult(stored));
        assertEquals(source, SearchEventCodec.decodeResult(SearchEventCodec.encodeResult(source)));
    }

    @Test
    void aJournaledSpaceRebuildsTheEngineSpace() {
        CimSearchSpace space = CimSearchSpace.builder().setTileLayers(0, 0, 1, 2, 2).optGranularity(Granularity.LAYER)
                .optPinnedLayer(0, TilePrecision.uniform(8)).optSensitivity(0.1, 0.2, 0.3, 0.0, 0.5).build();
        List<SearchEvent.Tile> tiles = List.of(new SearchEvent.Tile(0, "conv1", 0, 0, "conv1/r0c0", "conv1"),
                new SearchEvent.Tile(0, "conv1", 1, 0, "conv1/r1c0", "conv1"),
                new SearchEvent.Tile(1, "conv2", 0, 0, "conv2/r0c0", "conv2"),
                new SearchEvent.Tile(2, "fc", 0, 0, "fc/r0c0", "fc"), new SearchEvent.Tile(2, "fc", 0, 1, "fc/r0c1", "fc"));
        var description = SearchEventCodec.describe(space, tiles);
        CimSearchSpace again = SearchEventCodec.space(description);
        assertEquals(description, SearchEventCodec.describe(again, SearchEventCodec.tiles(description)));
        assertEquals(space.unitCount(), again.unitCount());
        assertEquals(space.uniform(6), again.uniform(6));
        for (int u = 0; u < space.unitCount(); u++) {
            assertEquals(space.isPinned(u), again.isPinned(u));
            assertEquals(space.sensitivity(u), again.sensitivity(u));
        }
        IntGenome g = space.uniform(4);
        assertEquals(space.decode(g), again.decode(g));
    }

    @Test
    void aSnapshotRestoresTheStateItWasTakenFrom() throws Exception {
        SearchSnapshot stored = (SearchSnapshot) fixture("SearchSnapshot");
        SearchReadModel restored = SearchEventCodec.restore(stored);
        SearchSnapshot again = SearchEventCodec.snapshot(restored);
        // A snapshot keeps genomes, not origins (the fixture's sample strategies carry both).
        var expected = stored.toBuilder();
        expected.getStrategiesBuilderList().forEach(b -> b.clearOrigin());
        assertEquals(expected.build(), again);
        assertEquals(again, SearchEventCodec.snapshot(SearchEventCodec.restore(again)));
    }
}
