package org.cim2pq.actors.platform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.cim2pq.actors.evaluation.Activations;
import org.cim2pq.actors.evaluation.EvaluationOutcome;
import org.cim2pq.actors.evaluation.EvaluationPipeline;
import org.cim2pq.actors.evaluation.EvaluationQueue;
import org.cim2pq.actors.evaluation.StageOutput;
import org.cim2pq.actors.evaluation.TileGroupSimulation;
import org.cim2pq.engine.genome.IntGenome;
import org.cim2pq.persistence.proto.EvaluationRequest;
import org.cim2pq.sim.cim.cost.HardwarePreset;
import org.cim2pq.sim.cim.eval.CimEvaluator;
import org.cim2pq.sim.cim.eval.Evaluation;
import org.cim2pq.sim.cim.inference.Fidelity;
import org.junit.jupiter.api.Test;

/**
 * The tile groups, each on its own state and handing activations on, give the objectives of the whole-network
 * {@link CimEvaluator#evaluate} bit for bit, on the shipped LeNet-5 and ResNet-8 with Fashion-MNIST subsets, in
 * both fidelities; and so do real pipelines holding several strategies at once. The platform's fingerprint names
 * the machine and the technology, so a resume on another one is refused.
 */
class CimPlatformModelTest {

    static CimPlatformModel model(String name, Fidelity fidelity, int evaluationImages) {
        return CimPlatformModel.builder().setModel(name).setDataset("fashion-mnist").optFidelity(fidelity)
                .optCalibrationImages(64).optEvaluationImages(evaluationImages).build();
    }

    /** Strategies as a search makes them: random, then one-gene mutations of the first (prefix reuse). */
    static List<IntGenome> genomes(CimPlatformModel m, int count) {
        SplittableRandom random = new SplittableRandom(7);
        List<IntGenome> out = new ArrayList<>();
        IntGenome first = m.space().random(random);
        out.add(first);
        for (int i = 1; i < count; i++) {
            if (i % 2 == 1) {
                int gene = random.nextInt(first.length());
                out.add(first.with(gene, random.nextInt(m.space().geneCardinality(gene))));
            } else {
                out.add(m.space().random(random));
            }
        }
        return out;
    }

    static double[] reference(CimPlatformModel m, CimEvaluator whole, IntGenome genome) {
        Evaluation e = whole.evaluate(m.precisions(genome));
        return new double[] {100 * e.objectives().top1Error(), e.objectives().energyPj(), e.objectives().latencyNs(),
                e.objectives().areaUm2()};
    }

    /** Runs the genomes through the groups as a pipeline of G does: genome i in group k, genome i+1 in group k-1. */
    static List<double[]> pipelined(List<TileGroupSimulation> groups, List<IntGenome> genomes) throws Exception {
        int n = groups.size();
        Activations[] carry = new Activations[genomes.size()];
        double[][] out = new double[genomes.size()][];
        for (int step = 0; step < genomes.size() + n - 1; step++) {
            for (int k = n - 1; k >= 0; k--) {
                int i = step - k;
                if (i < 0 || i >= genomes.size()) {
                    continue;
                }
                StageOutput o = groups.get(k).run(genomes.get(i), carry[i]);
                if (o instanceof EvaluationOutcome outcome) {
                    out[i] = outcome.objectives();
                } else {
                    carry[i] = (Activations) o;
                }
            }
        }
        return List.of(out);
    }

    void checkBitIdentical(String name, Fidelity fidelity, int images, int strategies) throws Exception {
        CimPlatformModel m = model(name, fidelity, images);
        List<IntGenome> genomes = genomes(m, strategies);
        List<TileGroupSimulation> groups = m.newTileGroups();
        assertTrue(groups.size() > 1, name + " has several tile groups");
        try (CimEvaluator whole = m.newEvaluator(CimEvaluator.DEFAULT_PREFIX_CACHE_BYTES)) {
            List<double[]> staged = pipelined(groups, genomes);
            for (int i = 0; i < genomes.size(); i++) {
                assertArrayEquals(reference(m, whole, genomes.get(i)), staged.get(i),
                        name + " " + fidelity + " strategy " + i);
            }
        } finally {
            groups.forEach(TileGroupSimulation::close);
        }
        assertEquals(0, m.activationBudget().usedBytes(), "closed groups hold no activations");
    }

    @Test
    void lenet5GroupsMatchTheWholeNetworkInBothFidelities() throws Exception {
        checkBitIdentical("lenet5", Fidelity.PSUM, 100, 4);
        checkBitIdentical("lenet5", Fidelity.BITSERIAL, 32, 2);
    }

    @Test
    void resnet8GroupsMatchTheWholeNetworkInBothFidelities() throws Exception {
        checkBitIdentical("resnet8", Fidelity.PSUM, 100, 4);
        checkBitIdentical("resnet8", Fidelity.BITSERIAL, 32, 2);
    }

    /** Real pipelines (actors, simulator threads, one strategy per group in flight) give the reference objectives. */
    @Test
    void pipelinesWithStrategiesInFlightGiveTheReferenceObjectives() {
        CimPlatformModel m = model("lenet5", Fidelity.PSUM, 200);
        List<IntGenome> genomes = genomes(m, 8);
        ActorTestKit kit = ActorTestKit.create();
        try (CimEvaluator whole = m.newEvaluator(0)) {
            ActorRef<EvaluationQueue.Command> queue = kit.spawn(EvaluationQueue.create(EvaluationQueue.Settings.DEFAULT));
            for (int p = 0; p < 2; p++) {
                kit.spawn(EvaluationPipeline.create("pipeline-" + p, m, queue, EvaluationPipeline.Settings.DEFAULT));
            }
            TestProbe<EvaluationQueue.Outcome> probe = kit.createTestProbe();
            for (int i = 0; i < genomes.size(); i++) {
                queue.tell(new EvaluationQueue.Submit(EvaluationRequest.newBuilder().setSearchId("t")
                        .setStrategyId("s" + i).setGenome(genomes.get(i).encode()).setAttempt(1).build(),
                        probe.ref()));
            }
            for (int k = 0; k < genomes.size(); k++) {
                EvaluationQueue.Outcome o = probe.receiveMessage(java.time.Duration.ofMinutes(2));
                assertTrue(o instanceof EvaluationQueue.Evaluated, o.toString());
                int i = Integer.parseInt(o.strategyId().substring(1));
                assertArrayEquals(reference(m, whole, genomes.get(i)),
                        ((EvaluationQueue.Evaluated) o).outcome().objectives(), "strategy " + i);
            }
        } finally {
            kit.shutdownTestKit();
        }
    }

    static CimPlatformModel lenet(Fidelity fidelity, String preset) {
        return CimPlatformModel.builder().setModel("lenet5").setDataset("fashion-mnist").optFidelity(fidelity)
                .optPreset(HardwarePreset.byName(preset)).optEvaluationImages(8).optCalibrationImages(8).build();
    }

    @Test
    void fingerprintNamesFidelityAndPreset() {
        CimPlatformModel isaac = lenet(Fidelity.PSUM, "isaac-32nm");
        CimPlatformModel neuroSim = lenet(Fidelity.PSUM, "neurosim-22nm");
        CimPlatformModel bitserial = lenet(Fidelity.BITSERIAL, "isaac-32nm");
        // the default preset keeps the fingerprint journals had before presets existed
        assertTrue(isaac.fingerprint().endsWith("/psum"), isaac.fingerprint());
        assertTrue(neuroSim.fingerprint().endsWith("/psum/neurosim-22nm"), neuroSim.fingerprint());
        assertNotEquals(isaac.fingerprint(), neuroSim.fingerprint());
        assertNotEquals(isaac.fingerprint(), bitserial.fingerprint());
        assertEquals("neurosim-22nm", neuroSim.preset().name());
        assertEquals("neurosim-22nm", neuroSim.platform().getPreset());
        assertEquals("isaac-32nm", isaac.platform().getPreset());
        assertEquals(isaac.fingerprint(), lenet(Fidelity.PSUM, "isaac-32nm").fingerprint());
    }

    @Test
    void underNoiseTheHeldOutFiguresAreTheMeanAndSpreadOverTheDrawsOfTheSameChips() {
        org.cim2pq.sim.cim.noise.NoiseSetting noise = new org.cim2pq.sim.cim.noise.NoiseSetting(
                org.cim2pq.sim.cim.noise.NoiseProfile.byName("typical-rram"), 3, 17);
        CimPlatformModel m = CimPlatformModel.builder().setModel("lenet5").setDataset("fashion-mnist")
                .optFidelity(Fidelity.BITSERIAL).optNoise(noise).optCalibrationImages(64).optEvaluationImages(50).build();
        org.cim2pq.persistence.event.SearchEvent.EvaluationProtocol protocol = m.heldOutProtocol(Fidelity.BITSERIAL, 80);
        assertEquals("typical-rram", protocol.noiseProfile());
        assertEquals(3, protocol.noiseDraws());
        assertEquals(10_000 - 50, m.heldOutImages());
        IntGenome genome = genomes(m, 1).get(0);
        org.cim2pq.actors.evaluation.Reevaluation r = m.reevaluate(protocol, genome);
        // The same network, calibration and chips, built here on the 80 held-out images.
        org.cim2pq.sim.data.DatasetCatalog catalog = org.cim2pq.sim.data.DatasetCatalog.byId("fashion-mnist");
        org.cim2pq.sim.data.Normalization normalization = catalog.normalization();
        org.cim2pq.sim.data.ImageSet calibration = org.cim2pq.sim.data.SeededSubsets.calibration(
                catalog.train(catalog.defaultDir()), 64, 0);
        org.cim2pq.sim.data.ImageSet held = org.cim2pq.sim.data.SeededSubsets.heldOut(catalog.test(catalog.defaultDir()),
                50, 80, 0);
        Evaluation e;
        try (org.cim2pq.sim.models.TrainedModel trained = org.cim2pq.sim.models.TrainedModels.load("lenet5", "fashion-mnist");
             CimEvaluator independent = CimEvaluator.builder().setNetwork(trained.fold())
                     .setCalibrationImages(normalization.normalize(calibration, 0, calibration.size()))
                     .setEvaluationImages(normalization.normalize(held, 0, held.size()), held.labels())
                     .optFidelity(Fidelity.BITSERIAL)
                     .optQuantization(org.cim2pq.sim.cim.quant.QuantizationConfig.builder().optPerColumnWeightScales(true).build())
                     .optFoldInputNormalization(normalization).optNoise(m.noise()).optPrefixCacheBytes(0).build()) {
            e = independent.evaluate(m.precisions(genome));
        }
        assertEquals(3, e.correctByDraw().size());
        assertEquals(e.correct(), r.top1Correct(), "correct classifications summed over the draws");
        assertEquals(3 * 80, r.top1Classified());
        assertEquals(100 * e.objectives().top1Error(), r.objectives()[0], "the error is the mean over the draws");
        for (String k : List.of("top1.accuracy", "top1.accuracy.std", "top1.accuracy.min", "top1.accuracy.max")) {
            assertEquals(e.metrics().get(k), r.metrics().get(k), k);
        }
        assertTrue(r.metrics().get("top1.accuracy.max") > r.metrics().get("top1.accuracy.min")
                || r.metrics().get("top1.accuracy.std") == 0, "the spread is the draws'");
    }
}
