package org.cim2pq.ops.setup;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cim2pq.ops.input.UserError;

/**
 * Makes sure Fashion-MNIST is on the machine: Debian's {@code dataset-fashion-mnist} package, installed with
 * apt-get when it is missing and we are root; otherwise the exact command to run is the error. Nothing else is
 * ever downloaded.
 */
public final class FashionMnistInstall {

    /** Where Debian's package puts the files. */
    public static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    public static final String PACKAGE = "dataset-fashion-mnist";
    static final List<String> FILES = List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");

    private final Path dir;
    private final PrintStream log;

    public FashionMnistInstall(Path dir, PrintStream log) {
        this.dir = dir;
        this.log = log;
    }

    /** True when all four IDX files are present. */
    public boolean present() {
        return FILES.stream().allMatch(f -> Files.isRegularFile(dir.resolve(f)));
    }

    /** Ensures the files exist, installing the Debian package if that is the way to get them here. */
    public void ensure() {
        if (present()) {
            return;
        }
        String command = "apt-get install -y " + PACKAGE;
        if (!dir.equals(DEBIAN_DIR)) {
            throw new UserError("Fashion-MNIST files missing in " + dir + " (expected " + String.join(", ", FILES)
                    + "); the default location is filled by: " + command);
        }
        if (!isRoot() || !Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
            throw new UserError("Fashion-MNIST is not installed (" + dir + "); install it with: sudo apt-get update"
                    + " && sudo " + command);
        }
        log.println("setup: installing Debian's " + PACKAGE + " (Fashion-MNIST, MIT licence) with apt-get...");
        run(List.of("apt-get", "update", "-q"));
        run(List.of("apt-get", "install", "-y", "-q", PACKAGE));
        if (!present()) {
            throw new UserError("apt-get installed " + PACKAGE + " but " + dir + " still lacks its files");
        }
    }

    private void run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            int rc = p.waitFor();
            if (rc != 0) {
                throw new UserError("'" + String.join(" ", command) + "' failed with exit code " + rc
                        + "; run it by hand to see why");
            }
        } catch (IOException e) {
            throw new UserError("cannot run '" + String.join(" ", command) + "': " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while running '" + String.join(" ", command) + "'", e);
        }
    }

    private static boolean isRoot() {
        try {
            Process p = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
            String uid = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor() == 0 && uid.equals("0");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
