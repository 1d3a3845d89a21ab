package org.cim2pq.ops.cli;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.jdbc.testkit.javadsl.SchemaUtils;
import org.cim2pq.ops.setup.DataDir;
import org.cim2pq.ops.setup.FashionMnistInstall;
import org.cim2pq.persistence.journal.JournalConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cim2pq demo}: sets everything up and runs the main job on the embedded defaults. Until the
 * event-sourced search lands it runs the stack's smoke path: data present, DJL's PyTorch engine offline, the
 * embedded H2 journal created in the data dir.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Set up and run the main job on the embedded defaults (no server to install).")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where journals and results go (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        DataDir data = DataDir.open(dataDir);
        new FashionMnistInstall(FashionMnistInstall.DEBIAN_DIR, System.out).ensure();
        System.out.println("demo: data dir " + data.path() + ", Fashion-MNIST in " + FashionMnistInstall.DEBIAN_DIR);
        checkEngine();
        checkJournal(data);
        System.out.println("demo: smoke path OK (the search itself arrives with the event-sourced search issue)");
        return 0;
    }

    private static void checkEngine() {
        long start = System.nanoTime();
        Engine engine = Engine.getEngine("PyTorch");
        try (NDManager manager = engine.newBaseManager()) {
            NDArray images = manager.ones(new Shape(8, 1, 28, 28));
            NDArray kernels = manager.ones(new Shape(6, 1, 5, 5));
            NDList out = Conv2d.conv2d(images, kernels);
            Shape shape = out.singletonOrThrow().getShape();
            float centre = out.singletonOrThrow().getFloat(0, 0, 10, 10);
            if (!shape.equals(new Shape(8, 6, 24, 24)) || centre != 25f) {
                throw new IllegalStateException("conv2d gave " + shape + " / " + centre);
            }
            System.out.printf("demo: DJL %s engine %s offline, conv2d %s in %d ms%n", engine.getEngineName(),
                    engine.getVersion(), shape, Duration.ofNanos(System.nanoTime() - start).toMillis());
        }
    }

    private static void checkJournal(DataDir data) throws Exception {
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "cim2pq-demo",
                JournalConfig.embedded(data.journal()).withFallback(ConfigFactory.load()));
        try {
            SchemaUtils.createIfNotExists(system).toCompletableFuture().get();
            System.out.println("demo: embedded journal ready in " + data.journal());
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get();
        }
    }
}
