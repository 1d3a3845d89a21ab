package org.cim2pq.sim.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;

import java.util.SplittableRandom;

/** Builds initialised networks whose BatchNorms have non-trivial statistics, so folding is actually exercised. */
final class NetworkFixtures {

    private NetworkFixtures() {
    }

    /** Random inputs with mean 0.3 and spread 1 (not centred, so running means move away from 0). */
    static float[] randomInput(int count, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[count];
        for (int i = 0; i < count; i++) {
            x[i] = (float) (0.3 + r.nextGaussian());
        }
        return x;
    }

    /**
     * Initialises {@code block} for {@code chw} inputs, draws every weight and BN gamma / beta from {@code seed}, and
     * runs a few training-mode forwards so running mean and variance differ from 0 / 1.
     */
    static void initialiseWithStatistics(FoldableBlock block, NDManager manager, int[] chw, long seed) {
        block.setInitializer(new NormalInitializer(0.1f), Parameter.Type.WEIGHT);
        block.initialize(manager, DataType.FLOAT32, new Shape(4, chw[0], chw[1], chw[2]));
        SplittableRandom r = new SplittableRandom(seed);
        // the initializer draws from the engine's unseeded generator; the fixture must not depend on it
        randomiseWeights(block, r);
        randomiseBatchNorms(block, r);
        int n = 4;
        for (int i = 0; i < 3; i++) {
            try (NDManager sub = manager.newSubManager()) {
                NDArray x = sub.create(randomInput(n * chw[0] * chw[1] * chw[2], seed + i),
                        new Shape(n, chw[0], chw[1], chw[2]));
                block.forward(new ParameterStore(sub, false), new NDList(x), true);
            }
        }
    }

    /** Every weight parameter (convolution and linear) drawn from {@code r}: N(0, 0.1^2), like the initializer. */
    private static void randomiseWeights(ai.djl.nn.Block block, SplittableRandom r) {
        for (var entry : block.getParameters()) {
            Parameter p = entry.getValue();
            if (p.getType() == Parameter.Type.WEIGHT) {
                NDArray a = p.getArray();
                float[] v = new float[(int) a.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) (r.nextGaussian() * 0.1);
                }
                a.set(v);
            }
        }
    }

    private static void randomiseBatchNorms(ai.djl.nn.Block block, SplittableRandom r) {
        if (block instanceof BatchNorm bn) {
            for (String name : new String[] {"gamma", "beta"}) {
                NDArray a = bn.getParameters().get(name).getArray();
                float[] v = new float[(int) a.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) (name.equals("gamma") ? 0.5 + r.nextDouble() : r.nextGaussian() * 0.2);
                }
                a.set(v);
            }
        }
        for (ai.djl.nn.Block child : block.getChildren().values()) {
            randomiseBatchNorms(child, r);
        }
    }
}
