package org.cim2pq.sim.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchNormFoldingTest {

    @Test
    void foldedConvEqualsConvFollowedByEvalBatchNorm() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ConvBn convBn = new ConvBn("conv1", 5, 3, 2, 1);
            int[] chw = {3, 9, 9};
            NetworkFixtures.initialiseWithStatistics(convBn, manager, chw, 11);
            float[] mean = convBn.bn().getParameters().get("runningMean").getArray().toFloatArray();
            float[] var = convBn.bn().getParameters().get("runningVar").getArray().toFloatArray();
            assertTrue(Math.abs(mean[0]) > 1e-3 && Math.abs(var[0] - 1) > 1e-3,
                    "fixture must move the running statistics away from 0 / 1");

            NDArray x = manager.create(NetworkFixtures.randomInput(2 * 3 * 9 * 9, 5), new Shape(2, 3, 9, 9));
            float[] expected = convBn.forward(new ParameterStore(manager, false), new NDList(x), false)
                    .singletonOrThrow().toFloatArray();

            BatchNormFolding.FoldedWeights f = BatchNormFolding.fold(convBn.conv(), convBn.bn(), ConvBn.BN_EPSILON);
            NDArray w = manager.create(f.weights(), new Shape(5, 3, 3, 3));
            NDArray b = manager.create(f.bias());
            float[] actual = Conv2d.conv2d(x, w, b, new Shape(2, 2), new Shape(1, 1)).singletonOrThrow()
                    .toFloatArray();
            assertEquals(expected.length, actual.length);
            assertArrayEquals(expected, actual, 1e-4f);
        }
    }

    @Test
    void foldingFollowsTheFormulaPerChannel() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ConvBn convBn = new ConvBn("c", 2, 1, 1, 0);
            NetworkFixtures.initialiseWithStatistics(convBn, manager, new int[] {1, 2, 2}, 3);
            float w0 = convBn.conv().getParameters().get("weight").getArray().toFloatArray()[1];
            float g = convBn.bn().getParameters().get("gamma").getArray().toFloatArray()[1];
            float be = convBn.bn().getParameters().get("beta").getArray().toFloatArray()[1];
            float m = convBn.bn().getParameters().get("runningMean").getArray().toFloatArray()[1];
            float v = convBn.bn().getParameters().get("runningVar").getArray().toFloatArray()[1];
            BatchNormFolding.FoldedWeights f = BatchNormFolding.fold(convBn.conv(), convBn.bn(), ConvBn.BN_EPSILON);
            double s = g / Math.sqrt(v + ConvBn.BN_EPSILON);
            assertEquals(s * w0, f.weights()[1], 1e-6);
            assertEquals(be - s * m, f.bias()[1], 1e-6);
        }
    }
}
