package org.cim2pq.ops.bench;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/** The network and images of the CIM benches ({@code eval}, {@code accuracy}): which model, data and how many images. */
final class WorkloadOptions {

    @Option(names = "--model", defaultValue = "resnet8",
            description = "A shipped network (e.g. lenet5, resnet8) or " + BenchWorkload.SYNTHETIC
                    + " (random weights, timing only) (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--dataset", defaultValue = "fashion-mnist", description = "Data set (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--dataset-dir", description = "Folder of the data set files (default: the data set's own).")
    Path datasetDir;

    @Option(names = "--images", defaultValue = "1000", description = "Evaluation images (default: ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--calibration", defaultValue = "256",
            description = "Calibration images (default: ${DEFAULT-VALUE}).")
    int calibration;

    BenchWorkload load() {
        return BenchWorkload.load(model, dataset, datasetDir, calibration, images);
    }
}
