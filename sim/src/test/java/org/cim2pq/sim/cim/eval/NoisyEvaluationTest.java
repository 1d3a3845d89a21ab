package org.cim2pq.sim.cim.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.cim2pq.sim.cim.SyntheticNetworks;
import org.cim2pq.sim.cim.array.ArrayConfig;
import org.cim2pq.sim.cim.array.TileGroup;
import org.cim2pq.sim.cim.inference.Fidelity;
import org.cim2pq.sim.cim.noise.NoiseProfile;
import org.cim2pq.sim.cim.noise.NoiseSetting;
import org.cim2pq.sim.cim.quant.TilePrecisions;
import org.cim2pq.sim.network.FoldedNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Evaluations under noise: the objective is the mean accuracy over the draws, reported with their spread; draw k is
 * the same chip whatever the number of draws; prefix reuse and tile-group stages give what a fresh whole-network
 * evaluation gives; the ideal profile is the noiseless machine exactly, whatever draw count it is given.
 */
class NoisyEvaluationTest {

    static final int SIZE = 12;
    static final int EVAL = 40;
    static FoldedNetwork network;
    static float[] calibration;
    static float[] evaluation;
    static int[] labels;

    @BeforeAll
    static void setUp() {
        network = SyntheticNetworks.tinyResNet(11, SIZE);
        calibration = SyntheticNetworks.images(1, 128, SIZE);
        evaluation = SyntheticNetworks.images(2, EVAL, SIZE);
        labels = new int[EVAL];
        try (CimEvaluator teacher = builder(NoiseSetting.IDEAL).build()) {
            labels = SyntheticWorkload.teacherLabels(teacher.floatLogits(), 10);
        }
    }

    static CimEvaluator.Builder builder(NoiseSetting noise) {
        return CimEvaluator.builder().setNetwork(network).setCalibrationImages(calibration)
                .setEvaluationImages(evaluation, labels).optArrayConfig(ArrayConfig.builder().optSize(64, 64).build())
                .optFidelity(Fidelity.BITSERIAL).optNoise(noise);
    }

    static List<TilePrecisions> uniform(CimEvaluator e, TilePrecisions p) {
        return Collections.nCopies(e.tiling().tiles().size(), p);
    }

    @Test
    void idealProfileIsTheNoiselessMachineWhateverTheDrawCount() {
        try (CimEvaluator plain = builder(NoiseSetting.IDEAL).build();
             CimEvaluator ideal = builder(new NoiseSetting(NoiseProfile.IDEAL, 4, 99)).build()) {
            for (TilePrecisions p : List.of(TilePrecisions.uniform(4), new TilePrecisions(6, 5, 3))) {
                Evaluation a = plain.evaluate(uniform(plain, p));
                Evaluation b = ideal.evaluate(uniform(ideal, p));
                assertEquals(a.objectives(), b.objectives());
                java.util.Map<String, Double> ma = new java.util.TreeMap<>(a.metrics());
                java.util.Map<String, Double> mb = new java.util.TreeMap<>(b.metrics());
                ma.remove("eval.seconds");
                mb.remove("eval.seconds");
                assertEquals(ma, mb, "the same metrics, no noise metrics added");
            }
        }
    }

    @Test
    void objectiveIsTheMeanOverDrawsReportedWithItsSpread() {
        NoiseProfile profile = NoiseProfile.byName("faulty-rram");
        List<TilePrecisions> strategy;
        Evaluation two;
        Evaluation one;
        try (CimEvaluator e = builder(new NoiseSetting(profile, 2, 7)).build()) {
            strategy = uniform(e, new TilePrecisions(5, 5, 5));
            two = e.evaluate(strategy);
        }
        try (CimEvaluator e = builder(new NoiseSetting(profile, 1, 7)).build()) {
            one = e.evaluate(strategy);
        }
        double mean = two.metrics().get("top1.accuracy");
        double min = two.metrics().get("top1.accuracy.min");
        double max = two.metrics().get("top1.accuracy.max");
        assertEquals(2.0, two.metrics().get("noise.draws"), 0);
        assertEquals(1 - mean, two.objectives().top1Error(), 1e-12, "the objective is the mean");
        assertEquals((min + max) / 2, mean, 1e-12);
        assertEquals(Math.abs(max - min) / Math.sqrt(2), two.metrics().get("top1.accuracy.std"), 1e-12,
                "sample standard deviation of two draws");
        double first = one.metrics().get("top1.accuracy");
        assertTrue(first == min || first == max, "draw 0 is the same chip with one draw or two");
        assertTrue(max > min, "two chips with stuck-at faults differ: " + min + " " + max);
    }

    @ParameterizedTest
    @EnumSource(Fidelity.class)
    void prefixReuseAndStagesGiveTheFreshWholeNetworkResultUnderNoise(Fidelity machine) {
        NoiseSetting noise = new NoiseSetting(NoiseProfile.byName("typical-rram"), 2, 11);
        try (CimEvaluator e = builder(noise).optFidelity(machine).build();
             CimEvaluator fresh = builder(noise).optFidelity(machine).build()) {
            List<TilePrecisions> a = uniform(e, new TilePrecisions(4, 4, 4));
            List<TilePrecisions> b = new ArrayList<>(a);
            b.set(b.size() - 1, new TilePrecisions(6, 3, 5));
            e.evaluate(a);
            Evaluation reused = e.evaluate(b);
            assertTrue(reused.metrics().get("reused.layers") > 0, "b restarted after a's shared prefix");
            Evaluation direct = fresh.evaluate(b);
            assertEquals(direct.objectives(), reused.objectives());
            ActivationBudget budget = new ActivationBudget(0);
            List<TileGroupStage> stages = new ArrayList<>();
            for (TileGroup g : e.tiling().groups()) {
                stages.add(e.stage(g, budget));
            }
            try {
                Handoff h = e.start(b);
                for (int k = 0; k < stages.size(); k++) {
                    Handoff out = stages.get(k).run(h);
                    h = k == stages.size() - 1 ? out : stages.get(k).handOff(out);
                }
                Evaluation staged = e.score(h);
                assertEquals(direct.objectives(), staged.objectives());
                assertEquals(direct.metrics().get("top1.accuracy.std"), staged.metrics().get("top1.accuracy.std"));
            } finally {
                stages.forEach(TileGroupStage::close);
            }
        }
    }

    @Test
    void psumObjectiveIsTheMeanOverDrawsAndDrawZeroIsTheSameChip() {
        NoiseProfile profile = NoiseProfile.byName("faulty-rram");
        Evaluation two;
        Evaluation one;
        List<TilePrecisions> strategy;
        try (CimEvaluator e = builder(new NoiseSetting(profile, 2, 7)).optFidelity(Fidelity.PSUM).build()) {
            strategy = uniform(e, new TilePrecisions(5, 5, 5));
            two = e.evaluate(strategy);
        }
        try (CimEvaluator e = builder(new NoiseSetting(profile, 1, 7)).optFidelity(Fidelity.PSUM).build()) {
            one = e.evaluate(strategy);
        }
        double min = two.metrics().get("top1.accuracy.min");
        double max = two.metrics().get("top1.accuracy.max");
        assertEquals(2.0, two.metrics().get("noise.draws"), 0);
        assertEquals(1 - (min + max) / 2, two.objectives().top1Error(), 1e-12, "the objective is the mean");
        double first = one.metrics().get("top1.accuracy");
        assertTrue(first == min || first == max, "draw 0 is the same chip with one draw or two");
    }

    @Test
    void anEvaluatorSharingAnothersCalibrationGivesWhatItsOwnCalibrationGives() {
        // Other images than the source's (what a chunk of held-out images is), on the ideal and on a noisy machine.
        float[] other = SyntheticNetworks.images(3, EVAL, SIZE);
        for (NoiseSetting noise : List.of(NoiseSetting.IDEAL, new NoiseSetting(NoiseProfile.byName("typical-rram"), 2, 5))) {
            try (CimEvaluator source = builder(noise).build();
                 CimEvaluator own = builder(noise).setEvaluationImages(other, labels).build();
                 CimEvaluator shared = builder(noise).setEvaluationImages(other, labels).optCalibrationOf(source).build()) {
                for (TilePrecisions p : List.of(TilePrecisions.uniform(4), new TilePrecisions(6, 5, 3), TilePrecisions.uniform(8))) {
                    Evaluation a = own.evaluate(uniform(own, p));
                    Evaluation b = shared.evaluate(uniform(shared, p));
                    assertEquals(a.objectives(), b.objectives(), noise + " " + p);
                    assertEquals(a.correctByDraw(), b.correctByDraw());
                }
                assertEquals(own.calibratedQuantizers(), source.calibratedQuantizers(),
                        "the source, which evaluated nothing, holds every quantizer the shared evaluator calibrated");
            }
        }
        try (CimEvaluator psum = builder(NoiseSetting.IDEAL).optFidelity(Fidelity.PSUM).build()) {
            assertThrows(IllegalArgumentException.class, () -> builder(NoiseSetting.IDEAL).optCalibrationOf(psum).build(),
                    "another machine's calibration is refused");
        }
    }
}
