package org.cim2pq.sim.network;

import java.util.List;

/**
 * One step of a {@link FoldedNetwork}: reads named tensors, writes one named tensor. Weights are plain float
 * arrays (row-major) so the CIM mapping and the quantizers need no deep-learning framework to inspect them.
 */
public sealed interface NetworkOp {

    /** The tensor this op writes. */
    String out();

    /** The tensors this op reads, each once. */
    List<String> inputs();

    /** An op with weights: mapped onto crossbar arrays. {@code name} is unique in the network (e.g. "stage1.block0.conv1"). */
    sealed interface WeightLayer extends NetworkOp {
        String name();

        String in();

        /** Output channels (columns of the crossbar mapping). */
        int outChannels();

        @Override
        default List<String> inputs() {
            return List.of(in());
        }

        /** Input channels (Cin; rows are {@code Cin * k * k}). */
        int inChannels();

        /** Kernel size k (1 for a linear layer). */
        int kernel();

        /** BN-folded weights, row-major {@code [Cout][Cin][k][k]} ({@code [Cout][Cin]} for linear). */
        float[] weights();

        /** BN-folded bias, length Cout (zeros when the layer had none). */
        float[] bias();
    }

    /** 2-D convolution (square kernel, symmetric zero padding, no dilation, no groups), BatchNorm already folded in. */
    record Conv(String name, String in, String out, int inChannels, int outChannels, int kernel, int stride,
                int padding, float[] weights, float[] bias) implements WeightLayer {
        public Conv {
            if (weights.length != outChannels * inChannels * kernel * kernel) {
                throw new IllegalArgumentException(name + ": weights length " + weights.length + " != "
                        + outChannels + "*" + inChannels + "*" + kernel + "*" + kernel);
            }
            if (bias.length != outChannels) {
                throw new IllegalArgumentException(name + ": bias length " + bias.length + " != " + outChannels);
            }
        }
    }

    /** Fully connected layer on a flattened input: {@code y = W x + b}; a conv with k = 1 on a 1x1 map. */
    record Linear(String name, String in, String out, int inChannels, int outChannels, float[] weights, float[] bias)
            implements WeightLayer {
        public Linear {
            if (weights.length != outChannels * inChannels) {
                throw new IllegalArgumentException(name + ": weights length " + weights.length + " != "
                        + outChannels + "*" + inChannels);
            }
            if (bias.length != outChannels) {
                throw new IllegalArgumentException(name + ": bias length " + bias.length + " != " + outChannels);
            }
        }

        @Override
        public int kernel() {
            return 1;
        }
    }

    /** max(0, x). */
    record Relu(String in, String out) implements NetworkOp {
        @Override
        public List<String> inputs() {
            return List.of(in);
        }
    }

    /** Elementwise sum of two tensors of the same shape (residual connections). */
    record Add(String left, String right, String out) implements NetworkOp {
        @Override
        public List<String> inputs() {
            return left.equals(right) ? List.of(left) : List.of(left, right);
        }
    }

    /** Max pooling, square window, no padding. */
    record MaxPool(String in, String out, int kernel, int stride) implements NetworkOp {
        @Override
        public List<String> inputs() {
            return List.of(in);
        }
    }

    /** Average pooling, square window, no padding. */
    record AvgPool(String in, String out, int kernel, int stride) implements NetworkOp {
        @Override
        public List<String> inputs() {
            return List.of(in);
        }
    }

    /** Average over the whole spatial map: NCHW -> NC. */
    record GlobalAvgPool(String in, String out) implements NetworkOp {
        @Override
        public List<String> inputs() {
            return List.of(in);
        }
    }

    /** NCHW -> N(C*H*W), row-major. */
    record Flatten(String in, String out) implements NetworkOp {
        @Override
        public List<String> inputs() {
            return List.of(in);
        }
    }
}
