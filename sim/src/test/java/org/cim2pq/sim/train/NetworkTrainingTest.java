package org.cim2pq.sim.train;

import org.cim2pq.sim.data.DatasetCatalog;
import org.cim2pq.sim.data.FashionMnist;
import org.cim2pq.sim.models.ModelProvenance;
import org.cim2pq.sim.models.TrainedModel;
import org.cim2pq.sim.models.TrainedModels;
import org.cim2pq.sim.network.Architecture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Short LeNet-5 trainings on a few hundred Fashion-MNIST images (seconds on 2 cores). */
class NetworkTrainingTest {

    @BeforeAll
    static void needsFashionMnist() {
        assumeTrue(Files.isDirectory(FashionMnist.DEFAULT_DIR), "dataset-fashion-mnist is not installed");
    }

    private static TrainingConfig.Builder small(long seed) {
        return TrainingConfig.builder().setModel(Architecture.LENET5).setDataset(DatasetCatalog.FASHION_MNIST)
                .setEpochs(1).setSeed(seed).optBatchSize(64).optTrainLimit(320).optTestLimit(200)
                .optMonitorImages(0);
    }

    @Test
    void sameSeedSameWeightsOtherSeedOtherWeights(@TempDir Path dir) throws IOException {
        ModelProvenance a = NetworkTraining.trainAndSave(small(7).build(), dir.resolve("a.params"), "test a",
                TrainingProgress.SILENT);
        ModelProvenance b = NetworkTraining.trainAndSave(small(7).build(), dir.resolve("b.params"), "test b",
                TrainingProgress.SILENT);
        ModelProvenance c = NetworkTraining.trainAndSave(small(8).build(), dir.resolve("c.params"), "test c",
                TrainingProgress.SILENT);
        assertEquals(a.weightsSha256(), b.weightsSha256());
        assertEquals(a.testAccuracy(), b.testAccuracy());
        assertNotEquals(a.weightsSha256(), c.weightsSha256());
        assertEquals(200, a.testImages());
        assertEquals(7, a.seed());
        assertTrue(a.augmentation().contains("first 320 training images"), a.augmentation());
        try (TrainedModel loaded = TrainedModels.load(dir.resolve("a.params"))) {
            assertEquals("test a", loaded.provenance().command());
        }
    }

    @Test
    void learnsAndReportsProgress() {
        List<String> events = new ArrayList<>();
        TrainingProgress recorder = new TrainingProgress() {
            @Override
            public void batch(int epoch, int epochs, int batch, int batches, double loss, float lr, double ips) {
                events.add("batch " + epoch + " " + batch + "/" + batches);
                assertTrue(loss > 0 && ips > 0 && lr > 0);
            }

            @Override
            public void epochEnd(int epoch, int epochs, double loss, double accuracy, double seconds) {
                events.add("epoch " + epoch + " " + (accuracy >= 0 && accuracy <= 1));
            }
        };
        TrainingConfig config = small(3).setEpochs(2).optTrainLimit(1_500).optTestLimit(500).optMonitorImages(100)
                .optProgressEvery(10).build();
        try (TrainedModel m = NetworkTraining.train(config, "test", recorder)) {
            assertTrue(m.provenance().testAccuracy() > 0.5,
                    "2 short epochs beat chance (10%) by far: " + m.provenance().testAccuracy());
        }
        // 1,500 images in batches of 64: 24 batches; progress every 10 and at the end of each epoch.
        assertEquals(List.of("batch 1 10/24", "batch 1 20/24", "batch 1 24/24", "epoch 1 true", "batch 2 10/24",
                "batch 2 20/24", "batch 2 24/24", "epoch 2 true"), events);
    }

    @Test
    void badConfigurationIsRefusedUpFront() {
        assertThrows(IllegalArgumentException.class, () -> small(1).setEpochs(0).build());
        assertThrows(IllegalStateException.class, () -> TrainingConfig.builder().setEpochs(1).build());
    }
}
