package org.cim2pq.persistence.query;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.cim2pq.engine.genome.StrategyId;
import org.cim2pq.engine.problem.Objectives;
import org.cim2pq.persistence.event.SearchEvent;
import org.junit.jupiter.api.Test;

/** Wilson's 95% score interval on counts with published values, and the held-out figures under noise. */
class HeldOutAccuracyTest {

    @Test
    void wilsonIntervalsOfKnownCounts() {
        // Newcombe (1998), Statistics in Medicine 17, table I, method 3: 81/263 -> [0.2553, 0.3662],
        // 15/148 -> [0.0624, 0.1605], 0/20 -> [0, 0.1611], 1/29 -> [0.0061, 0.1718].
        assertArrayEquals(new double[] {0.2553, 0.3662}, HeldOutAccuracy.wilson(81 / 263.0, 263), 5e-5);
        assertArrayEquals(new double[] {0.0624, 0.1605}, HeldOutAccuracy.wilson(15 / 148.0, 148), 5e-5);
        assertArrayEquals(new double[] {0.0, 0.1611}, HeldOutAccuracy.wilson(0, 20), 5e-5);
        assertArrayEquals(new double[] {0.0061, 0.1718}, HeldOutAccuracy.wilson(1 / 29.0, 29), 5e-5);
        // 9,000 images at 90%: about +-0.62 points.
        double[] big = HeldOutAccuracy.wilson(0.9, 9000);
        assertEquals(0.0062, (big[1] - big[0]) / 2, 1e-4);
        assertEquals(0.0, HeldOutAccuracy.wilson(0, 100)[0], "no success: the interval starts at 0 exactly");
        assertEquals(1.0, HeldOutAccuracy.wilson(1, 100)[1], "every success: it ends at 1 exactly");
        assertThrows(IllegalArgumentException.class, () -> HeldOutAccuracy.wilson(0.5, 0));
    }

    @Test
    void underNoiseTheAccuracyIsTheMeanOverTheDrawsWithTheirSpread() {
        SearchEvent.EvaluationProtocol p = new SearchEvent.EvaluationProtocol("bitserial", "isaac-32nm",
                SearchEvent.EvaluationProtocol.HELD_OUT_IMAGES, 200, 0, "typical-rram", 4);
        // 4 draws of 200 images: 170 + 172 + 176 + 178 = 696 of 800.
        SearchEvent.StrategyReevaluated r = new SearchEvent.StrategyReevaluated(StrategyId.parse("g1-2"), p,
                Objectives.of(new double[] {13.0}), Map.of("top1.accuracy.std", 0.017, "top1.accuracy.min", 0.85,
                        "top1.accuracy.max", 0.89), "test", 1, 696, 800);
        HeldOutAccuracy a = HeldOutAccuracy.of(r);
        assertEquals(87.0, a.top1(), 1e-12);
        double[] w = HeldOutAccuracy.wilson(0.87, 200);
        assertEquals(100 * w[0], a.low95(), 1e-12);
        assertEquals(100 * w[1], a.high95(), 1e-12);
        assertEquals(4, a.draws());
        assertEquals(1.7, a.std(), 1e-12);
        assertEquals(85.0, a.min(), 1e-12);
        assertEquals(89.0, a.max(), 1e-12);
        SearchEvent.StrategyReevaluated rescoring = new SearchEvent.StrategyReevaluated(StrategyId.parse("g1-2"),
                new SearchEvent.EvaluationProtocol("bitserial", "isaac-32nm", "search", 200, 0, "", 0),
                Objectives.of(new double[] {13.0}), Map.of(), "test", 1);
        assertThrows(IllegalArgumentException.class, () -> HeldOutAccuracy.of(rescoring));
    }
}
