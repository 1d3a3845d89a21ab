package org.cim2pq.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import org.junit.jupiter.api.Test;

/**
 * The PyTorch CPU engine loads from the Maven Central jars with {@code ai.djl.offline=true} (set by surefire)
 * and computes a convolution that we check by hand.
 */
class DjlOfflineEngineTest {

    @Test
    void pytorchEngineRunsOfflineFromMavenJars() {
        assertEquals("true", System.getProperty("ai.djl.offline"));
        Engine engine = Engine.getEngine("PyTorch");
        assertEquals("2.7.1", engine.getVersion());
    }

    @Test
    void conv2dMatchesHandComputation() {
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            // One 1x3x3 image 1..9, two 2x2 kernels: all-ones (sums windows) and a corner picker.
            NDArray x = m.arange(1f, 10f).reshape(1, 1, 3, 3);
            NDArray w = m.create(new float[] {1, 1, 1, 1, 0, 0, 0, 1}, new Shape(2, 1, 2, 2));
            NDArray b = m.create(new float[] {0.5f, -1f});
            NDArray y = Conv2d.conv2d(x, w, b).singletonOrThrow();
            assertEquals(new Shape(1, 2, 2, 2), y.getShape());
            // windows: [1 2;4 5]=12, [2 3;5 6]=16, [4 5;7 8]=24, [5 6;8 9]=28; corner = bottom-right element.
            assertArrayEquals(new float[] {12.5f, 16.5f, 24.5f, 28.5f, 4f, 5f, 7f, 8f}, y.toFloatArray(), 0f);
        }
    }
}
