package org.cim2pq.sim.cim.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

import org.cim2pq.sim.network.NetworkOp;

/**
 * The crossbar's analog operation on NDArrays: a convolution of an input channel slice with a tile's weights.
 * Linear layers run as 1x1 convolutions on 1x1 maps, so tiles of both kinds share one code path.
 */
final class TileConvolution {

    private TileConvolution() {}

    /** {@code x} as NCHW maps: a linear layer's N x F input becomes N x F x 1 x 1. */
    static NDArray asMaps(NDArray x) {
        return x.getShape().dimension() == 2 ? x.reshape(x.getShape().get(0), x.getShape().get(1), 1, 1) : x;
    }

    /** Channels {@code first .. first+count-1} of NCHW maps. */
    static NDArray channels(NDArray x, int first, int count) {
        if (first == 0 && count == x.getShape().get(1)) {
            return x;
        }
        return x.get(new NDIndex(":, {}:{}", first, first + count));
    }

    /** Convolution without bias with {@code layer}'s stride and padding (none for a linear layer). */
    static NDArray conv(NDArray maps, NDArray weights, NetworkOp.WeightLayer layer, int groups) {
        int stride = layer instanceof NetworkOp.Conv c ? c.stride() : 1;
        int padding = layer instanceof NetworkOp.Conv c ? c.padding() : 0;
        return Conv2d.conv2d(maps, weights, null, new Shape(stride, stride), new Shape(padding, padding),
                new Shape(1, 1), groups).singletonOrThrow();
    }

    /** Shape of a weight tensor for {@code out} x {@code in} channels of a k x k kernel. */
    static Shape weightShape(int out, int in, int kernel) {
        return new Shape(out, in, kernel, kernel);
    }
}
