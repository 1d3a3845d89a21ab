package org.cim2pq.ops.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cim2pq.ops.search.SearchRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cim2pq demo}: sets everything up and runs the main job on the embedded defaults: a small, real CIM2PQ
 * search (arraywise, qNSGA-III) of the shipped LeNet-5 on Fashion-MNIST, journaled in {@code <data-dir>/journal}.
 * Running it again continues (or re-reports) the same search, id {@code demo}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Set up and run a small real search on the embedded defaults (LeNet-5, Fashion-MNIST).")
final class DemoCommand implements Callable<Integer> {

    /** Small enough for a few minutes on 2 cores, large enough to show the front moving. */
    static final SearchRequest DEMO = new SearchRequest("demo", "lenet5", "fashion-mnist", 1, 12, 4, "array",
            "qnsga3", "bitserial", 500, 256, null, null, org.cim2pq.sim.cim.cost.HardwarePreset.DEFAULT,
            org.cim2pq.ops.search.Calibration.DEFAULT, "", org.cim2pq.sim.cim.noise.NoiseProfile.DEFAULT,
            org.cim2pq.sim.cim.noise.NoiseSetting.DEFAULT_DRAWS, SearchRequest.HELD_OUT_ALL,
            org.cim2pq.engine.selection.QuotaPolicy.DEFAULT_QUOTA, org.cim2pq.engine.selection.QuotaPolicy.DEFAULT_TOLERANCE,
            org.cim2pq.ops.search.SpaceChoices.DEFAULT);

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where journals and results go (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        return SearchCommand.run(DEMO, RunOptions.embedded(dataDir));
    }
}
