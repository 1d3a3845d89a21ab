package org.cim2pq.sim.cim.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.cim2pq.sim.cim.SyntheticNetworks;
import org.cim2pq.sim.cim.array.ArrayConfig;
import org.cim2pq.sim.cim.inference.Fidelity;
import org.cim2pq.sim.cim.quant.TilePrecisions;
import org.cim2pq.sim.network.FoldedNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TileSensitivityTest {

    static final int SIZE = 12;
    static CimEvaluator evaluator;

    @BeforeAll
    static void setUp() {
        FoldedNetwork network = SyntheticNetworks.tinyResNet(11, SIZE);
        evaluator = CimEvaluator.builder().setNetwork(network)
                .setCalibrationImages(SyntheticNetworks.images(1, 256, SIZE))
                .setEvaluationImages(SyntheticNetworks.images(3, 64, SIZE), new int[64])
                .optFidelity(Fidelity.BITSERIAL).optArrayConfig(ArrayConfig.builder().optSize(64, 64).build()).build();
    }

    @AfterAll
    static void tearDown() {
        evaluator.close();
    }

    @Test
    void eachTileIsTheDivergenceOfTheNetworkWithThatTileAloneLowered() {
        TileSensitivity s = new TileSensitivity(TilePrecisions.uniform(8), TilePrecisions.uniform(3));
        double[] measured = s.measure(evaluator);
        int tiles = evaluator.tiling().tiles().size();
        assertEquals(tiles, measured.length);
        List<TilePrecisions> strategy = new ArrayList<>(Collections.nCopies(tiles, TilePrecisions.uniform(8)));
        float[] p = evaluator.logits(strategy);
        for (int t : new int[] {0, tiles / 2, tiles - 1}) {
            strategy.set(t, TilePrecisions.uniform(3));
            float[] q = evaluator.logits(strategy);
            strategy.set(t, TilePrecisions.uniform(8));
            assertEquals(klByHand(p, q, 10), measured[t], 1e-12, "tile " + t);
        }
        assertTrue(Arrays.stream(measured).allMatch(v -> v >= 0), Arrays.toString(measured));
        assertTrue(Arrays.stream(measured).anyMatch(v -> v > 1e-4), "3-bit tiles change the outputs: "
                + Arrays.toString(measured));
        assertArrayEquals(measured, s.measure(evaluator), "measured again, the same figures");
    }

    @Test
    void aTileLoweredToItsReferenceCostsNothingAndLowerCostsMore() {
        double[] none = new TileSensitivity(TilePrecisions.uniform(6), TilePrecisions.uniform(6)).measure(evaluator);
        assertTrue(Arrays.stream(none).allMatch(v -> v == 0), Arrays.toString(none));
        double mild = Arrays.stream(new TileSensitivity(TilePrecisions.uniform(8), TilePrecisions.uniform(6))
                .measure(evaluator)).sum();
        double harsh = Arrays.stream(new TileSensitivity(TilePrecisions.uniform(8), TilePrecisions.uniform(2))
                .measure(evaluator)).sum();
        assertTrue(harsh > mild, "2-bit tiles " + harsh + " vs 6-bit " + mild);
    }

    /** KL(softmax(p) || softmax(q)) per row, averaged, written out independently of the class under test. */
    private static double klByHand(float[] p, float[] q, int classes) {
        int rows = p.length / classes;
        double total = 0;
        for (int i = 0; i < rows; i++) {
            double zp = 0;
            double zq = 0;
            for (int c = 0; c < classes; c++) {
                zp += Math.exp(p[i * classes + c]);
                zq += Math.exp(q[i * classes + c]);
            }
            double kl = 0;
            for (int c = 0; c < classes; c++) {
                double pc = Math.exp(p[i * classes + c]) / zp;
                double qc = Math.exp(q[i * classes + c]) / zq;
                kl += pc * Math.log(pc / qc);
            }
            total += Math.max(0, kl);
        }
        return total / rows;
    }
}
