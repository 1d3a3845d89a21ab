package org.cim2pq.sim.cim.inference;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * The native library of the fused kernels ({@link PartialSumKernel}, {@link BitSerialKernel}; C sources in
 * {@code sim/src/main/c}, built by Maven into the jar where a C compiler is present). Loaded once per JVM; where it
 * is missing or does not load, the quantized layers run on the DJL path, with the same results.
 */
final class NativeKernels {

    /** Set to {@value #DJL} to run quantized layers on the DJL path even where the kernels are available. */
    static final String PROPERTY = "cim2pq.kernels";
    static final String DJL = "djl";

    private static final String UNAVAILABLE = load();

    private NativeKernels() {}

    /** The geometry of {@code layer} on input {@code maps} (N, C, H, W), checked against the layer's channels. */
    static Geometry geometry(org.cim2pq.sim.cim.array.LayerTiling lt, org.cim2pq.sim.network.NetworkOp.WeightLayer layer,
                             ai.djl.ndarray.NDArray maps) {
        int k = lt.kernel();
        int stride = layer instanceof org.cim2pq.sim.network.NetworkOp.Conv c ? c.stride() : 1;
        int padding = layer instanceof org.cim2pq.sim.network.NetworkOp.Conv c ? c.padding() : 0;
        var in = maps.getShape();
        if (in.dimension() != 4 || in.get(1) != lt.inChannels()) {
            // the kernels index the input by this geometry: a mismatch would read past the tensor
            throw new IllegalArgumentException("input " + in + " does not fit layer " + layer.name() + " ("
                    + lt.inChannels() + " input channels)");
        }
        int height = Math.toIntExact(in.get(2));
        int width = Math.toIntExact(in.get(3));
        return new Geometry(lt.inChannels(), height, width, lt.outChannels(), k, stride, padding,
                (height + 2 * padding - k) / stride + 1, (width + 2 * padding - k) / stride + 1, lt.rowBlocks());
    }

    /** Whether the library is loaded in this JVM. */
    static boolean available() {
        return UNAVAILABLE == null;
    }

    /** Whether quantized layers use the kernels by default: available, and not turned off by {@link #PROPERTY}. */
    static boolean enabledByDefault() {
        return available() && !DJL.equalsIgnoreCase(System.getProperty(PROPERTY, ""));
    }

    /** One line for benchmarks and logs: which implementation runs, and why not the kernels. */
    static String describe() {
        if (!available()) {
            return "djl (native kernels unavailable: " + UNAVAILABLE + ")";
        }
        return enabledByDefault() ? "native" : "djl (" + PROPERTY + "=" + DJL + ")";
    }

    /** A layer's geometry as the kernels need it. */
    record Geometry(int inChannels, int height, int width, int outChannels, int kernel, int stride, int padding,
                    int outHeight, int outWidth, int rowBlocks) {
        int[] toArray() {
            return new int[] {inChannels, height, width, outChannels, kernel, stride, padding, outHeight, outWidth,
                    rowBlocks};
        }
    }

    /** Library resource for this platform, as {@code build.sh} names it. */
    static String resource() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        arch = arch.equals("amd64") || arch.equals("x86_64") ? "x86_64" : arch;
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux") ? "linux" : "other";
        return "native/" + os + "-" + arch + "/libcim2pq_kernels.so";
    }

    /** Loads the library from the class path; null when loaded, else why not. */
    private static String load() {
        String name = resource();
        try (InputStream in = NativeKernels.class.getResourceAsStream(name)) {
            if (in == null) {
                return "no " + name + " on the class path (built only on Linux with a C compiler)";
            }
            Path file = Files.createTempFile("cim2pq_kernels", ".so");
            try {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                System.load(file.toAbsolutePath().toString());
            } finally {
                // a loaded library stays mapped after its file is removed, so no copy outlives a killed JVM
                Files.deleteIfExists(file);
            }
            return null;
        } catch (IOException | UnsatisfiedLinkError | SecurityException e) {
            return name + " did not load: " + e.getMessage();
        }
    }
}
