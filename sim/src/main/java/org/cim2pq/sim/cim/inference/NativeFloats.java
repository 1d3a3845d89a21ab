package org.cim2pq.sim.cim.inference;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.stream.IntStream;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Float32 tensors seen as Java buffers over their native memory (no copy), and the image-parallel loop the fused
 * passes run in. DJL has no fused clamp-round-scale-accumulate operator; doing those steps as separate tensor ops
 * costs one pass over memory each, so the quantized layers do them in one Java pass instead.
 */
final class NativeFloats {

    private NativeFloats() {}

    /**
     * The native memory of {@code array} (float32). A non-contiguous array is read through a contiguous copy, so
     * passes write only to arrays made by {@link #empty}.
     */
    static FloatBuffer view(NDArray array) {
        if (array.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException("expected float32, got " + array.getDataType());
        }
        var bytes = array.toByteBuffer(true);
        if (!bytes.isDirect()) {
            throw new IllegalStateException("the engine did not expose the tensor's memory");
        }
        return bytes.order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /** A new uninitialized float32 tensor: every element is written by the pass that creates it. */
    static NDArray empty(NDManager manager, Shape shape) {
        return manager.create(shape, DataType.FLOAT32);
    }

    /** Work on images {@code from .. to-1}; it touches only those images' memory. */
    @FunctionalInterface
    interface ImageRange {
        void run(int from, int to);
    }

    /**
     * Runs {@code range} over images {@code 0 .. images-1} split into contiguous ranges, one per core. Ranges are
     * independent, so the result does not depend on the split.
     */
    static void forEachImageRange(int images, ImageRange range) {
        int parts = Math.min(images / PARALLEL_MIN_IMAGES, Runtime.getRuntime().availableProcessors());
        if (parts <= 1) {
            range.run(0, images);
            return;
        }
        IntStream.range(0, parts).parallel().forEach(p -> range.run(
                (int) ((long) images * p / parts), (int) ((long) images * (p + 1) / parts)));
    }

    /** Fewest images per range: below that, forking costs more than it saves. */
    static final int PARALLEL_MIN_IMAGES = 16;

    /**
     * Rounds to the nearest integer, ties to even (as {@code torch.round}): adding and subtracting 1.5 * 2^23
     * leaves a float32 no fraction bits. Exact for |v| < 2^22; callers clamp first.
     */
    static float round(float v) {
        return (v + ROUNDING_MAGIC) - ROUNDING_MAGIC;
    }

    /** 1.5 * 2^23. */
    static final float ROUNDING_MAGIC = 12_582_912f;
}
