package org.cim2pq.engine.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ReferencePointsTest {

    @Test
    void countsMatchDebAndJain() {
        assertEquals(91, ReferencePoints.dasDennis(3, 12).size());
        assertEquals(210, ReferencePoints.dasDennis(5, 6).size());
        assertEquals(156, ReferencePoints.twoLayer(8, 3, 2).size());
        assertEquals(275, ReferencePoints.twoLayer(10, 3, 2).size());
        assertEquals(135, ReferencePoints.twoLayer(15, 2, 1).size());
        assertEquals(91, ReferencePoints.forObjectives(3).size());
        assertEquals(210, ReferencePoints.forObjectives(5).size());
        assertEquals(156, ReferencePoints.forObjectives(8).size());
        assertEquals(275, ReferencePoints.forObjectives(10).size());
        assertEquals(135, ReferencePoints.forObjectives(15).size());
        assertEquals(165 + 45, ReferencePoints.forObjectives(9).size(), "M >= 8 always gets two layers");
        assertEquals(78 + 12, ReferencePoints.forObjectives(12).size());
    }

    @Test
    void populationSizesMatchDebAndJain() {
        assertEquals(92, ReferencePoints.forObjectives(3).populationSize());
        assertEquals(212, ReferencePoints.forObjectives(5).populationSize());
        assertEquals(156, ReferencePoints.forObjectives(8).populationSize());
        assertEquals(276, ReferencePoints.forObjectives(10).populationSize());
        assertEquals(136, ReferencePoints.forObjectives(15).populationSize());
    }

    @Test
    void pointsLieOnTheSimplexAndInnerLayerIsShrunk() {
        ReferencePoints r = ReferencePoints.twoLayer(8, 3, 2);
        for (double[] w : r.points()) {
            double sum = 0;
            for (double v : w) {
                sum += v;
            }
            assertEquals(1.0, sum, 1e-12);
        }
        // The inner layer's vertex (1, 0, ..., 0) becomes (1/2 + 1/16, 1/16, ...).
        double[] inner = r.point(120 + 35);
        assertEquals(0.5625, inner[0], 1e-12);
        assertEquals(0.0625, inner[7], 1e-12);
    }
}
