package org.cim2pq.sim.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArchitectureTest {

    /** The eval-mode DJL forward and the exported folded program agree on every architecture and input size. */
    @ParameterizedTest
    @CsvSource({"lenet5,1,28,10", "lenet5,3,32,100", "resnet8,1,28,10", "resnet20,3,32,10", "resnet18,1,28,10"})
    void foldedProgramComputesWhatTheBlockComputes(String id, int channels, int side, int classes) {
        try (NDManager manager = NDManager.newBaseManager()) {
            FoldableBlock block = Architecture.byId(id).build(classes);
            int[] chw = {channels, side, side};
            NetworkFixtures.initialiseWithStatistics(block, manager, chw, 7);
            int n = 2;
            float[] input = NetworkFixtures.randomInput(n * channels * side * side, 99);
            NDArray x = manager.create(input, new Shape(n, channels, side, side));
            NDArray y = block.forward(new ParameterStore(manager, false), new NDList(x), false).singletonOrThrow();
            assertEquals(new Shape(n, classes), y.getShape());

            FoldedProgram program = new FoldedProgram();
            String out = block.appendFolded(program, "", FoldedNetwork.INPUT);
            FoldedNetwork folded = program.toNetwork(id, chw, out);
            float[] expected = y.toFloatArray();
            float[] actual = FoldedNetworkOracle.logits(folded, manager, input, n);
            float scale = 0;
            for (float v : expected) {
                scale = Math.max(scale, Math.abs(v));
            }
            assertArrayEquals(expected, actual, 1e-4f * Math.max(1, scale), id);
        }
    }

    @Test
    void resnet8WeightLayersHaveStableNamesAndHeShapes() {
        FoldedNetwork net = folded(Architecture.RESNET8, new int[] {1, 28, 28}, 10);
        List<String> names = net.weightLayers().stream().map(NetworkOp.WeightLayer::name).toList();
        assertEquals(List.of("conv1", "stage1.block0.conv1", "stage1.block0.conv2", "stage2.block0.conv1",
                "stage2.block0.conv2", "stage2.block0.shortcut", "stage3.block0.conv1", "stage3.block0.conv2",
                "stage3.block0.shortcut", "fc"), names);
        NetworkOp.Conv s3 = (NetworkOp.Conv) net.weightLayers().get(6);
        assertEquals(32, s3.inChannels());
        assertEquals(64, s3.outChannels());
        assertEquals(2, s3.stride());
        NetworkOp.Conv shortcut = (NetworkOp.Conv) net.weightLayers().get(5);
        assertEquals(1, shortcut.kernel());
        assertEquals(2, shortcut.stride());
    }

    @Test
    void layerCountsFollowTheDepths() {
        // ResNet-20: stem + 9 blocks x 2 convs + 2 projection shortcuts + fc.
        assertEquals(1 + 18 + 2 + 1, folded(Architecture.RESNET20, new int[] {3, 32, 32}, 10).weightLayers().size());
        // ResNet-18: stem + 8 blocks x 2 convs + 3 projection shortcuts + fc.
        assertEquals(1 + 16 + 3 + 1, folded(Architecture.RESNET18, new int[] {3, 32, 32}, 10).weightLayers().size());
        assertEquals(List.of("conv1", "conv2", "fc1", "fc2", "fc3"), folded(Architecture.LENET5,
                new int[] {1, 28, 28}, 10).weightLayers().stream().map(NetworkOp.WeightLayer::name).toList());
    }

    @Test
    void resnet8HasTheParameterCountOfItsDefinition() {
        // Conv weights 3x3 (k*k*cin*cout), 1x1 shortcuts, BN gamma+beta per channel, fc with bias.
        long convs = 9L * 1 * 16 + 9L * 16 * 16 * 2 + 9L * 16 * 32 + 9L * 32 * 32 + 16 * 32 + 9L * 32 * 64
                + 9L * 64 * 64 + 32 * 64;
        long bns = 2L * (16 + 16 + 16 + 32 + 32 + 32 + 64 + 64 + 64);
        long fc = 64 * 10 + 10;
        try (NDManager manager = NDManager.newBaseManager()) {
            FoldableBlock block = Architecture.RESNET8.build(10);
            block.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, 1, 28, 28));
            long trainable = 0;
            for (Parameter p : block.getParameters().values()) {
                if (p.requiresGradient()) {
                    trainable += p.getArray().size();
                }
            }
            assertEquals(convs + bns + fc, trainable);
            assertTrue(trainable > 70_000 && trainable < 80_000, "ResNet-8 is the ~78k-parameter network");
        }
    }

    @Test
    void unknownArchitectureIsAOneLineError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Architecture.byId("vgg16"));
        assertTrue(e.getMessage().contains("vgg16") && e.getMessage().contains("resnet8"));
        assertEquals(Architecture.RESNET8, Architecture.byId("ResNet-8"));
    }

    private static FoldedNetwork folded(Architecture a, int[] chw, int classes) {
        try (NDManager manager = NDManager.newBaseManager()) {
            FoldableBlock block = a.build(classes);
            block.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, chw[0], chw[1], chw[2]));
            FoldedProgram program = new FoldedProgram();
            String out = block.appendFolded(program, "", FoldedNetwork.INPUT);
            List<NetworkOp> ops = new ArrayList<>(program.toNetwork(a.id(), chw, out).ops());
            return new FoldedNetwork(a.id(), chw, ops, out);
        }
    }
}
