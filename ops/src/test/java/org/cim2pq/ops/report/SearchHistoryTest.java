package org.cim2pq.ops.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.cim2pq.persistence.proto.BornStrategy;
import org.cim2pq.persistence.proto.CandidateFate;
import org.cim2pq.persistence.proto.GenerationStarted;
import org.cim2pq.persistence.proto.PopulationInitialized;
import org.cim2pq.persistence.proto.SearchStarted;
import org.cim2pq.persistence.proto.SelectionApplied;
import org.cim2pq.persistence.proto.StrategyEvaluated;
import org.junit.jupiter.api.Test;

/** The fold of an unfinished journal: what the report of a running or stopped search shows. */
class SearchHistoryTest {

    static final SearchStarted STARTED = SearchStarted.newBuilder().setSearchId("s").setGenerations(5).build();

    static StrategyEvaluated result(String id, double... objectives) {
        StrategyEvaluated.Builder b = StrategyEvaluated.newBuilder().setStrategyId(id);
        for (double o : objectives) {
            b.addObjectives(o);
        }
        return b.build();
    }

    static final List<Object> INITIAL = List.of(STARTED, PopulationInitialized.newBuilder()
            .addStrategies(BornStrategy.newBuilder().setStrategyId("g0-0").setGenome("66").setOrigin("uniform-8"))
            .addStrategies(BornStrategy.newBuilder().setStrategyId("g0-1").setGenome("22").setOrigin("uniform-4"))
            .addStrategies(BornStrategy.newBuilder().setStrategyId("g0-2").setGenome("13").setOrigin("random"))
            .build(),
            result("g0-0", 10, 9, 1, 1), result("g0-1", 20, 3, 1, 1), result("g0-2", 25, 4, 1, 1));

    @Test
    void beforeAnySelectionTheFrontIsTheNonDominatedEvaluatedByError() {
        SearchHistory h = SearchHistory.fold(INITIAL);
        assertEquals(List.of("g0-0", "g0-1"), h.front());
        assertEquals(List.of("uniform-4", "uniform-8"), h.uniform().stream().map(SearchHistory.Strategy::origin).toList());
        assertEquals("stopped at generation 0 of 5 (continue with: cim2pq resume --id s)", SearchReport.status(h, false));
        assertEquals("running (generation 0 of 5)", SearchReport.status(h, true));
    }

    @Test
    void afterASelectionTheFrontIsItsFirstFrontSurvivors() {
        List<Object> events = new java.util.ArrayList<>(INITIAL);
        events.add(GenerationStarted.newBuilder().setGeneration(1).build());
        events.add(SelectionApplied.newBuilder().setGeneration(1).setHypervolume(0.5)
                .addFates(CandidateFate.newBuilder().setStrategyId("g0-0").setFront(0).setSurvived(true))
                .addFates(CandidateFate.newBuilder().setStrategyId("g0-1").setFront(0).setSurvived(false))
                .addFates(CandidateFate.newBuilder().setStrategyId("g0-2").setFront(1).setSurvived(true)).build());
        events.add(GenerationStarted.newBuilder().setGeneration(2).build());
        SearchHistory h = SearchHistory.fold(events);
        assertEquals(List.of("g0-0"), h.front());
        assertEquals(List.of(new SearchHistory.Hypervolume(1, 0.5)), h.hypervolumes());
        assertEquals("stopped at generation 2 of 5 (continue with: cim2pq resume --id s)", SearchReport.status(h, false));
    }
}
