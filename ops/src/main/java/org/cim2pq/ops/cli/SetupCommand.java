package org.cim2pq.ops.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cim2pq.ops.setup.FashionMnistInstall;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cim2pq setup}: installs what Maven does not bring (Debian's Fashion-MNIST); the commands that need it call it too. */
@Command(name = "setup", mixinStandardHelpOptions = true,
        description = "Install Debian's dataset-fashion-mnist if it is missing (as root), else print the command to run.")
final class SetupCommand implements Callable<Integer> {

    @Option(names = "--dataset-dir", paramLabel = "DIR",
            description = "Folder with the Fashion-MNIST IDX files (default: " + "/usr/share/datasets/fashion-mnist).")
    Path datasetDir;

    @Override
    public Integer call() {
        Path fashionMnistDir = datasetDir != null ? datasetDir : FashionMnistInstall.DEBIAN_DIR;
        FashionMnistInstall install = new FashionMnistInstall(fashionMnistDir, System.out);
        boolean had = install.present();
        install.ensure();
        System.out.println("setup: Fashion-MNIST " + (had ? "found" : "installed") + " in " + fashionMnistDir);
        return 0;
    }
}
