package org.cim2pq.sim.cim.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.cim2pq.sim.cim.SyntheticNetworks;
import org.cim2pq.sim.cim.array.ArrayConfig;
import org.cim2pq.sim.cim.array.ArrayTile;
import org.cim2pq.sim.cim.array.LayerTiling;
import org.cim2pq.sim.cim.inference.Fidelity;
import org.cim2pq.sim.cim.quant.TilePrecisions;
import org.cim2pq.sim.network.FoldedNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CimEvaluatorTest {

    static final int SIZE = 12;
    static final int EVAL = 200;
    static FoldedNetwork network;
    static float[] calibration;
    static float[] evaluation;
    static int[] labels;
    static CimEvaluator evaluator;

    @BeforeAll
    static void setUp() {
        network = SyntheticNetworks.tinyResNet(11, SIZE);
        calibration = SyntheticNetworks.images(1, 512, SIZE);
        evaluation = SyntheticNetworks.images(2, EVAL, SIZE);
        // Teacher labels: the FP network's own predictions, so FP accuracy is 1 and quantized accuracy is agreement.
        labels = new int[EVAL];
        try (CimEvaluator teacher = builder().setEvaluationImages(evaluation, labels).build()) {
            float[] logits = teacher.floatLogits();
            for (int n = 0; n < EVAL; n++) {
                int best = 0;
                for (int k = 1; k < 10; k++) {
                    best = logits[n * 10 + k] > logits[n * 10 + best] ? k : best;
                }
                labels[n] = best;
            }
        }
        evaluator = builder().setEvaluationImages(evaluation, labels).build();
    }

    static CimEvaluator.Builder builder() {
        return CimEvaluator.builder().setNetwork(network).setCalibrationImages(calibration)
                .optArrayConfig(ArrayConfig.builder().optSize(64, 64).build());
    }

    @AfterAll
    static void tearDown() {
        evaluator.close();
    }

    static List<TilePrecisions> uniform(CimEvaluator e, TilePrecisions p) {
        return Collections.nCopies(e.tiling().tiles().size(), p);
    }

    @Test
    void objectivesComeFromInferenceAndTheCostModel() {
        assertEquals(1.0, evaluator.floatAccuracy(), 1e-12);
        Evaluation e = evaluator.evaluate(uniform(evaluator, TilePrecisions.lossless(8, 8)));
        assertTrue(e.objectives().top1Error() <= 0.05, "8-bit lossless error " + e.objectives().top1Error());
        assertEquals(evaluator.cost(uniform(evaluator, TilePrecisions.lossless(8, 8))).energyPj(),
                e.objectives().energyPj(), 0);
        assertEquals(1 - e.metrics().get("top1.accuracy"), e.objectives().top1Error(), 1e-12);
        assertEquals(0.0, e.metrics().get("psum.clip.rate"), 0); // lossless ADCs never clip
        Evaluation low = evaluator.evaluate(uniform(evaluator, TilePrecisions.uniform(3)));
        assertTrue(low.objectives().energyPj() < e.objectives().energyPj());
        assertTrue(low.metrics().get("psum.clip.rate") > 0, "3-bit ADCs clip some partial sums");
        assertTrue(low.metrics().containsKey("psum.clip.rate/" + evaluator.tiling().tiles().get(0).id()));
    }

    @Test
    void evaluationNeverRecalibratesAfterCalibration() {
        int[] bits = {2, 3, 4, 5, 6, 7, 8};
        evaluator.calibrate(bits, bits, new int[] {2, 3, 4, 5, 6, 7, 8, 9, 10});
        int calibrated = evaluator.calibratedQuantizers();
        evaluator.evaluate(uniform(evaluator, new TilePrecisions(5, 3, 7)));
        evaluator.evaluate(uniform(evaluator, TilePrecisions.lossless(2, 8)));
        assertEquals(calibrated, evaluator.calibratedQuantizers());
    }

    @Test
    void prefixReuseGivesTheSameResultAsAFreshEvaluation() {
        List<TilePrecisions> a = new ArrayList<>(uniform(evaluator, new TilePrecisions(6, 5, 6)));
        List<TilePrecisions> b = new ArrayList<>(a);
        LayerTiling last = evaluator.tiling().layers().get(evaluator.tiling().layers().size() - 1);
        LayerTiling third = evaluator.tiling().layers().get(2);
        b.set(third.tiles().get(0).index(), new TilePrecisions(3, 3, 4));
        evaluator.evaluate(a);
        Evaluation reused = evaluator.evaluate(b);
        assertEquals(2.0, reused.metrics().get("reused.layers"));
        evaluator.clearActivationCache();
        Evaluation fresh = evaluator.evaluate(b);
        assertEquals(0.0, fresh.metrics().get("reused.layers"));
        assertEquals(fresh.objectives(), reused.objectives());
        for (ArrayTile t : evaluator.tiling().tiles()) {
            String key = "psum.clip.rate/" + t.id();
            assertEquals(fresh.metrics().get(key), reused.metrics().get(key), key);
        }
        // a change in the last layer only reuses everything before it
        List<TilePrecisions> c = new ArrayList<>(b);
        c.set(last.tiles().get(0).index(), new TilePrecisions(4, 4, 4));
        assertEquals(evaluator.tiling().layers().size() - 1.0, evaluator.evaluate(c).metrics().get("reused.layers"));
    }

    /**
     * Tile-group stages, each with its own state, run as a pipeline does (A one group ahead of B, each handed on
     * as a copy), with a zero node budget so every run evicts all it may: both score as the whole-network path
     * does, and a stage rebuilt alone (as after a crash) gives the same results.
     */
    @Test
    void stagesPassingHandoffsScoreAsTheWholeNetwork() {
        try (CimEvaluator e = builder().setEvaluationImages(evaluation, labels).optPrefixCacheBytes(0).build()) {
            List<TilePrecisions> a = uniform(e, new TilePrecisions(5, 5, 6));
            List<TilePrecisions> b = new ArrayList<>(uniform(e, new TilePrecisions(4, 6, 5)));
            b.set(e.tiling().tiles().size() - 1, new TilePrecisions(7, 3, 8));
            Evaluation alone = e.evaluate(a);
            Evaluation aloneB = e.evaluate(b);
            ActivationBudget budget = new ActivationBudget(0);
            List<TileGroupStage> stages = new ArrayList<>();
            for (org.cim2pq.sim.cim.array.TileGroup g : e.tiling().groups()) {
                stages.add(e.stage(g, budget));
            }
            assertTrue(stages.size() >= 3, "the test network has several tile groups");
            try {
                Handoff ha = e.start(a);
                Handoff hb = null;
                Evaluation ea = null;
                int n = stages.size();
                for (int k = 0; k <= n; k++) { // step k: A in group k, B in group k - 1
                    Handoff nextB = k == 0 ? e.start(b) : run(stages.get(k - 1), hb, k == n);
                    if (k < n) {
                        ha = run(stages.get(k), ha, k == n - 1);
                        // the last stage's result is borrowed: scored before that stage runs again
                        ea = k == n - 1 ? e.score(ha) : null;
                    }
                    hb = nextB;
                }
                assertEquals(alone.objectives(), ea.objectives());
                assertEquals(alone.metrics().get("psum.clip.rate"), ea.metrics().get("psum.clip.rate"));
                assertEquals(aloneB.objectives(), e.score(hb).objectives());
                stages.get(1).close();
                stages.set(1, e.stage(e.tiling().groups().get(1), budget)); // rebuilt alone, the others keep theirs
                Handoff again = e.start(a);
                for (int k = 0; k < n; k++) {
                    again = run(stages.get(k), again, k == n - 1);
                }
                assertEquals(alone.objectives(), e.score(again).objectives());
                for (TileGroupStage s : stages) {
                    assertTrue(s.calibratedQuantizers() > 0, s.name() + " calibrated its own tiles");
                }
            } finally {
                stages.forEach(TileGroupStage::close);
            }
            assertEquals(0, budget.usedBytes(), "closed stages give their bytes back to the node's budget");
        }
    }

    /**
     * A boundary is handed on, not copied: the next group reads the very tensors the sending group made and
     * counts them once in the node's budget; they stay valid after the sender evicts them (or is rebuilt), until
     * the receiver lets them go, and then their bytes come back.
     */
    @Test
    void aBoundaryIsHandedOnOnceNotCopied() {
        try (CimEvaluator e = builder().setEvaluationImages(evaluation, labels).optPrefixCacheBytes(0).build()) {
            List<TilePrecisions> a = uniform(e, new TilePrecisions(5, 5, 6));
            Evaluation alone = e.evaluate(a);
            ActivationBudget budget = new ActivationBudget(Long.MAX_VALUE);
            List<TileGroupStage> stages = new ArrayList<>();
            for (org.cim2pq.sim.cim.array.TileGroup g : e.tiling().groups()) {
                stages.add(e.stage(g, budget));
            }
            try {
                Handoff out = stages.get(0).run(e.start(a));
                long cached = budget.usedBytes();
                Handoff handed = stages.get(0).handOff(out);
                assertEquals(cached, budget.usedBytes(), "handing on allocates nothing");
                for (String name : out.env.keySet()) {
                    assertTrue(out.env.get(name) == handed.env.get(name), name + " is the sender's tensor");
                }
                stages.get(0).close(); // the sender lets go (as in a restart): the handoff still holds them
                stages.set(0, e.stage(e.tiling().groups().get(0), budget));
                assertEquals(cached, budget.usedBytes(), "held by the handoff alone");
                Handoff next = handed;
                for (int k = 1; k < stages.size(); k++) {
                    next = run(stages.get(k), next, k == stages.size() - 1);
                }
                assertEquals(alone.objectives(), e.score(next).objectives());
            } finally {
                stages.forEach(TileGroupStage::close);
            }
            assertEquals(0, budget.usedBytes(), "released by every holder, the bytes are back");
        }
    }

    /** Runs a stage; hands the result on (shared, not copied) unless it is the last stage's (scored in place). */
    private static Handoff run(TileGroupStage stage, Handoff in, boolean last) {
        Handoff out = stage.run(in);
        return last ? out : stage.handOff(out);
    }

    @Test
    void pinningFixesFirstAndLastLayersAtEightBits() {
        try (CimEvaluator pinned = builder().setEvaluationImages(evaluation, labels).optPinFirstLastLayer(true)
                .build()) {
            List<TilePrecisions> low = uniform(pinned, TilePrecisions.uniform(3));
            List<TilePrecisions> effective = pinned.effectiveStrategy(low);
            List<LayerTiling> layers = pinned.tiling().layers();
            assertEquals(TilePrecisions.uniform(8), effective.get(0));
            assertEquals(TilePrecisions.uniform(8), effective.get(effective.size() - 1));
            assertEquals(TilePrecisions.uniform(3), effective.get(layers.get(1).tiles().get(0).index()));
            assertNotEquals(evaluator.cost(low).energyPj(), pinned.cost(low).energyPj());
        }
    }

    /** With a 2-4 bit ADC the bit-serial simulation's error is reported (and it is far from lossless). */
    @Test
    void bitserialWithLowResolutionAdcsReportsItsError() {
        float[] few = new float[40 * SIZE * SIZE];
        System.arraycopy(evaluation, 0, few, 0, few.length);
        int[] fewLabels = new int[40];
        System.arraycopy(labels, 0, fewLabels, 0, 40);
        try (CimEvaluator bitserial = builder().setEvaluationImages(few, fewLabels).optFidelity(Fidelity.BITSERIAL)
                .build()) {
            double lossless = bitserial.evaluate(uniform(bitserial, TilePrecisions.lossless(6, 6)))
                    .objectives().top1Error();
            for (int adcBits = 2; adcBits <= 4; adcBits++) {
                Evaluation e = bitserial.evaluate(uniform(bitserial, new TilePrecisions(6, 6, adcBits)));
                System.out.printf(Locale.ROOT, "bitserial (6,6,%d): top-1 error %.3f (lossless %.3f), clipped"
                                + " column counts %.4f%n", adcBits, e.objectives().top1Error(), lossless,
                        e.metrics().get("psum.clip.rate"));
                assertTrue(Double.isFinite(e.objectives().top1Error()));
                assertTrue(e.metrics().get("psum.clip.rate") > 0, "a " + adcBits + "-bit ADC clips column counts");
            }
        }
    }
}
