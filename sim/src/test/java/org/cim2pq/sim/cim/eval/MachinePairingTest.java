package org.cim2pq.sim.cim.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;

import org.cim2pq.sim.cim.SyntheticNetworks;
import org.cim2pq.sim.cim.array.ArrayConfig;
import org.cim2pq.sim.cim.array.ArrayTile;
import org.cim2pq.sim.cim.cost.CostModel;
import org.cim2pq.sim.cim.cost.HardwarePreset;
import org.cim2pq.sim.cim.inference.Fidelity;
import org.cim2pq.sim.cim.quant.TilePrecisions;
import org.cim2pq.sim.network.FoldedNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every figure describes one machine: an evaluator's cost is its own fidelity's cost model, and a psum strategy is
 * re-scored on the bitserial machine with the bitserial accuracy and the bitserial cost together.
 */
class MachinePairingTest {

    static final int SIZE = 12;
    static final int EVAL = 64;
    static CimEvaluator psum;
    static CimEvaluator bitserial;

    @BeforeAll
    static void setUp() {
        FoldedNetwork network = SyntheticNetworks.tinyResNet(5, SIZE);
        float[] calibration = SyntheticNetworks.images(1, 128, SIZE);
        float[] evaluation = SyntheticNetworks.images(2, EVAL, SIZE);
        int[] labels;
        try (CimEvaluator teacher = builder(network, calibration).setEvaluationImages(evaluation, new int[EVAL])
                .build()) {
            labels = SyntheticWorkload.teacherLabels(teacher.floatLogits(), 10);
        }
        psum = builder(network, calibration).setEvaluationImages(evaluation, labels).optFidelity(Fidelity.PSUM).build();
        bitserial = builder(network, calibration).setEvaluationImages(evaluation, labels)
                .optFidelity(Fidelity.BITSERIAL).build();
    }

    static CimEvaluator.Builder builder(FoldedNetwork network, float[] calibration) {
        return CimEvaluator.builder().setNetwork(network).setCalibrationImages(calibration)
                .optArrayConfig(ArrayConfig.builder().optSize(64, 64).build());
    }

    @AfterAll
    static void tearDown() {
        psum.close();
        bitserial.close();
    }

    static List<TilePrecisions> uniform(CimEvaluator e, TilePrecisions p) {
        return Collections.nCopies(e.tiling().tiles().size(), p);
    }

    @Test
    void eachEvaluatorIsCostedAsTheMachineItSimulates() {
        List<TilePrecisions> s = uniform(psum, new TilePrecisions(6, 5, 6));
        Evaluation p = psum.evaluate(s);
        Evaluation b = bitserial.evaluate(s);
        assertEquals(Fidelity.PSUM, psum.costModel().machine());
        assertEquals(Fidelity.BITSERIAL, bitserial.costModel().machine());
        // psum converts once per output channel per MVM; bitserial once per input bit, slice and polarity column
        long psumConversions = 0;
        long bitserialConversions = 0;
        for (ArrayTile t : psum.tiling().tiles()) {
            psumConversions += t.mvms() * t.outChannels();
            bitserialConversions += t.mvms() * 6 * 2 * 2 * t.outChannels(); // slices(5) = ceil(4/2) = 2
        }
        assertEquals(psumConversions, p.metrics().get("adc.conversions"), 0);
        assertEquals(bitserialConversions, b.metrics().get("adc.conversions"), 0);
        // a psum evaluation paired with the bitserial cost model would show these figures: it must not
        double mixed = CostModel.of(Fidelity.BITSERIAL, HardwarePreset.ISAAC_32NM).cost(psum.tiling(), s).energyPj();
        assertTrue(Math.abs(p.objectives().energyPj() - mixed) > 0.1 * mixed,
                "psum energy " + p.objectives().energyPj() + " is the bitserial machine's " + mixed);
        assertEquals(psum.cost(s).energyPj(), p.objectives().energyPj(), 0);
    }

    @Test
    void aPsumStrategyIsRescoredWithBitserialAccuracyAndCost() {
        Rescoring rescoring = new Rescoring(psum, bitserial);
        List<TilePrecisions> s = uniform(psum, new TilePrecisions(5, 4, 4));
        Evaluation proxy = psum.evaluate(s);
        Rescoring.Rescored r = rescoring.rescore(proxy);
        Evaluation direct = bitserial.evaluate(s);
        assertEquals(direct.objectives(), r.evaluation().objectives());
        assertEquals(bitserial.cost(s).energyPj(), r.evaluation().objectives().energyPj(), 0);
        assertEquals("bitserial (re-scored; searched on psum)", r.label());
        assertEquals(Fidelity.PSUM, r.searchedOn());
        assertThrows(IllegalArgumentException.class, () -> new Rescoring(psum, psum));
    }

    @Test
    void losslessMachinesAgreeOnAccuracy() {
        // with lossless ADCs both machines compute the same integer partial sums: at most one image may differ by
        // float summation order
        List<TilePrecisions> s = uniform(psum, TilePrecisions.lossless(6, 6));
        double p = psum.evaluate(s).metrics().get("top1.accuracy");
        double b = bitserial.evaluate(s).metrics().get("top1.accuracy");
        assertEquals(p, b, 1.0 / EVAL + 1e-12);
    }
}
