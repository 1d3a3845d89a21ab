package org.cim2pq.engine.genome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GenomeTest {

    @Test
    void encodingRoundTrips() {
        IntGenome g = IntGenome.of(6, 6, 8, 0, 35, 10);
        assertEquals("6680za", g.encode());
        assertEquals(g, IntGenome.decode("6680ZA"));
        assertEquals(g, IntGenome.decode(g.encode()));
        assertThrows(IllegalArgumentException.class, () -> IntGenome.of(36));
    }

    @Test
    void genomesAreImmutableValues() {
        int[] genes = {1, 2, 3};
        IntGenome g = new IntGenome(genes);
        genes[0] = 9;
        g.genes()[1] = 9;
        assertEquals(IntGenome.of(1, 2, 3), g);
        assertEquals(IntGenome.of(1, 2, 3).hashCode(), g.hashCode());
        assertEquals(IntGenome.of(1, 5, 3), g.with(1, 5));
        assertEquals(RealGenome.of(0.5, 1.0), RealGenome.of(0.5, 1.0));
    }

    @Test
    void strategyIdsAreCompactAndOrdered() {
        StrategyId id = StrategyId.of(3, 17);
        assertEquals("g3-17", id.toString());
        assertEquals(id, StrategyId.parse("g3-17"));
        assertTrue(StrategyId.of(2, 90).compareTo(StrategyId.of(3, 0)) < 0);
        assertTrue(StrategyId.of(3, 2).compareTo(StrategyId.of(3, 10)) < 0);
        assertNotEquals(StrategyId.of(1, 2), StrategyId.of(2, 1));
        assertThrows(IllegalArgumentException.class, () -> StrategyId.parse("x1"));
    }
}
