package org.cim2pq.sim.network;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;

/** Writes a DJL {@link Linear} as a {@link NetworkOp.Linear}; DJL stores its weight as {@code [out][in]} already. */
final class DenseLayer {

    private DenseLayer() {
    }

    static String append(FoldedProgram program, String name, Linear linear, String in) {
        Shape w = linear.getParameters().get("weight").getShape();
        float[] weights = BatchNormFolding.parameter(linear, "weight").toFloatArray();
        float[] bias = BatchNormFolding.parameter(linear, "bias").toFloatArray();
        return program.add(new NetworkOp.Linear(name, in, name, (int) w.get(1), (int) w.get(0), weights, bias));
    }
}
