package org.cim2pq.ops.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.cim2pq.actors.evaluation.EvaluationPipeline;
import org.cim2pq.actors.evaluation.EvaluationQueue;
import org.cim2pq.actors.platform.CimPlatformModel;
import org.cim2pq.engine.genome.IntGenome;
import org.cim2pq.persistence.proto.EvaluationRequest;
import org.cim2pq.sim.cim.eval.CimEvaluator;
import org.cim2pq.sim.cim.eval.Evaluation;
import org.cim2pq.sim.cim.inference.Fidelity;
import org.cim2pq.sim.cim.quant.TilePrecisions;
import org.cim2pq.engine.space.TilePrecision;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cim2pq bench pipeline}: evaluations per second of a search-like stream of strategies (random ones and
 * one-gene mutations of them) on P evaluation pipelines, against the design before tile groups owned their state:
 * P threads, each with its own whole-network {@link CimEvaluator} (1 GiB prefix cache each), one strategy at a
 * time. Both run in this JVM, alternating, on the same strategies; the objectives must agree exactly. Prints the
 * process's peak RSS after each mode (run with {@code --only} to see one mode's peak alone).
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = "Evaluation pipelines (tile groups owning their state) vs one whole-network evaluator per pipeline.")
public final class PipelineBench implements Callable<Integer> {

    @Option(names = "--model", defaultValue = "resnet8", description = "Shipped network (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--fidelity", defaultValue = "psum", description = "psum or bitserial (default: ${DEFAULT-VALUE}).")
    String fidelity;

    @Option(names = "--pipelines", defaultValue = "2", description = "Pipelines (threads of the reference) (default: ${DEFAULT-VALUE}).")
    int pipelines;

    @Option(names = "--strategies", defaultValue = "24", description = "Strategies per timed run (default: ${DEFAULT-VALUE}).")
    int strategies;

    @Option(names = "--images", defaultValue = "1000", description = "Evaluation images (default: ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--repeats", defaultValue = "2", description = "Timed runs of each mode, alternating (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--only", description = "Run one mode only: pipelines or whole (for its peak RSS).")
    String only;

    @Override
    public Integer call() throws Exception {
        Fidelity f = Fidelity.valueOf(fidelity.toUpperCase(Locale.ROOT));
        System.out.printf(Locale.ROOT, "# pipeline bench: model=%s fidelity=%s pipelines=%d strategies=%d images=%d "
                + "cores=%d%n", model, fidelity, pipelines, strategies, images,
                Runtime.getRuntime().availableProcessors());
        CimPlatformModel m = CimPlatformModel.builder().setModel(model).setDataset("fashion-mnist").optFidelity(f)
                .optEvaluationImages(images).build();
        System.out.printf(Locale.ROOT, "# tile groups: %d, node activation budget: %d MiB%n", m.tileGroups(),
                m.activationBudget().limitBytes() >> 20);
        List<double[]> wholeTimes = new ArrayList<>();
        List<double[]> pipelineTimes = new ArrayList<>();
        ConcurrentHashMap<String, double[]> wholeObjectives = new ConcurrentHashMap<>();
        ConcurrentHashMap<String, double[]> pipelineObjectives = new ConcurrentHashMap<>();
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "bench-pipeline");
        try {
            ActorRef<EvaluationQueue.Command> queue = null;
            if (!"whole".equals(only)) {
                queue = spawnPipelines(system, m);
            }
            List<CimEvaluator> evaluators = new ArrayList<>();
            for (int r = 0; r <= repeats; r++) { // run 0 warms up (calibration, JIT) and is not reported
                List<IntGenome> genomes = stream(m, r);
                if (!"pipelines".equals(only)) {
                    if (evaluators.isEmpty()) {
                        for (int p = 0; p < pipelines; p++) {
                            evaluators.add(m.newEvaluator(CimEvaluator.DEFAULT_PREFIX_CACHE_BYTES));
                        }
                    }
                    double s = whole(m, evaluators, genomes, wholeObjectives);
                    if (r > 0) {
                        wholeTimes.add(new double[] {s});
                    }
                    System.out.printf(Locale.ROOT, "run %d whole-network evaluators: %.2f s, %.2f evaluations/s, "
                            + "peak RSS so far %d MiB%n", r, s, genomes.size() / s, peakRssMiB());
                }
                if (queue != null) {
                    double s = pipelined(system, queue, genomes, pipelineObjectives);
                    if (r > 0) {
                        pipelineTimes.add(new double[] {s});
                    }
                    System.out.printf(Locale.ROOT, "run %d pipelines: %.2f s, %.2f evaluations/s, activations cached "
                            + "%d MiB, peak RSS so far %d MiB%n", r, s, genomes.size() / s,
                            m.activationBudget().usedBytes() >> 20, peakRssMiB());
                }
            }
            evaluators.forEach(CimEvaluator::close);
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        if (!wholeTimes.isEmpty() && !pipelineTimes.isEmpty()) {
            double w = median(wholeTimes);
            double p = median(pipelineTimes);
            int same = 0;
            for (var e : wholeObjectives.entrySet()) {
                same += Arrays.equals(e.getValue(), pipelineObjectives.get(e.getKey())) ? 1 : 0;
            }
            System.out.printf(Locale.ROOT, "layers reused from the prefix caches, all runs: whole-network %d, pipelines %d%n",
                    reusedWhole.sum(), reusedPipelines.sum());
            System.out.printf(Locale.ROOT, "median: whole-network %.2f evaluations/s, pipelines %.2f evaluations/s, "
                    + "pipelines/whole %.2f; same objectives: %d of %d%n", strategies / w, strategies / p, w / p,
                    same, wholeObjectives.size());
            return same == wholeObjectives.size() ? 0 : 1;
        }
        return 0;
    }

    /** Layers taken from the prefix caches instead of computed, per mode, over all runs (what the speed hinges on). */
    private final LongAdder reusedWhole = new LongAdder();
    private final LongAdder reusedPipelines = new LongAdder();

    private ActorRef<EvaluationQueue.Command> spawnPipelines(ActorSystem<Void> system, CimPlatformModel m)
            throws Exception {
        CompletableFuture<ActorRef<EvaluationQueue.Command>> ref = new CompletableFuture<>();
        system.systemActorOf(Behaviors.<Void>setup(ctx -> {
            ActorRef<EvaluationQueue.Command> q = ctx.spawn(EvaluationQueue.create(new EvaluationQueue.Settings(3,
                    Duration.ofHours(1))), "queue");
            for (int p = 0; p < pipelines; p++) {
                ctx.spawn(EvaluationPipeline.create("pipeline-" + p, m, q, EvaluationPipeline.Settings.DEFAULT),
                        "pipeline-" + p);
            }
            ref.complete(q);
            return Behaviors.empty();
        }), "bench", org.apache.pekko.actor.typed.Props.empty());
        return ref.get(1, TimeUnit.MINUTES);
    }

    /** A search-like stream: a random population, then one-gene mutations of random members. */
    private List<IntGenome> stream(CimPlatformModel m, int run) {
        SplittableRandom random = new SplittableRandom(1000 + run);
        List<IntGenome> out = new ArrayList<>();
        int parents = Math.max(2, strategies / 3);
        for (int i = 0; i < strategies; i++) {
            if (i < parents) {
                out.add(m.space().random(random));
            } else {
                IntGenome parent = out.get(random.nextInt(parents));
                int gene = random.nextInt(parent.length());
                out.add(parent.with(gene, random.nextInt(m.space().geneCardinality(gene))));
            }
        }
        return out;
    }

    private double whole(CimPlatformModel m, List<CimEvaluator> evaluators, List<IntGenome> genomes,
            ConcurrentHashMap<String, double[]> objectives) throws Exception {
        ConcurrentLinkedQueue<IntGenome> work = new ConcurrentLinkedQueue<>(genomes);
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (CimEvaluator e : evaluators) {
            Thread t = new Thread(() -> {
                for (IntGenome g; (g = work.poll()) != null; ) {
                    Evaluation ev = e.evaluate(precisions(m, g));
                    reusedWhole.add(ev.metrics().get("reused.layers").longValue());
                    objectives.put(g.encode(), new double[] {100 * ev.objectives().top1Error(),
                            ev.objectives().energyPj(), ev.objectives().latencyNs(), ev.objectives().areaUm2()});
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private double pipelined(ActorSystem<Void> system, ActorRef<EvaluationQueue.Command> queue,
            List<IntGenome> genomes, ConcurrentHashMap<String, double[]> objectives) throws Exception {
        CountDownLatch done = new CountDownLatch(genomes.size());
        AtomicInteger failed = new AtomicInteger();
        ActorRef<EvaluationQueue.Outcome> collector = system.systemActorOf(
                Behaviors.receive(EvaluationQueue.Outcome.class).onMessage(EvaluationQueue.Outcome.class, o -> {
                    if (o instanceof EvaluationQueue.Evaluated ev) {
                        reusedPipelines.add(ev.outcome().metrics().get("reused.layers").longValue());
                        objectives.put(ev.strategyId().substring(ev.strategyId().indexOf(':') + 1),
                                ev.outcome().objectives());
                    } else {
                        failed.incrementAndGet();
                        System.out.println("failed: " + o);
                    }
                    done.countDown();
                    return Behaviors.same();
                }).build(), "collector-" + System.nanoTime(), org.apache.pekko.actor.typed.Props.empty());
        long start = System.nanoTime();
        int i = 0;
        for (IntGenome g : genomes) {
            queue.tell(new EvaluationQueue.Submit(EvaluationRequest.newBuilder().setSearchId("bench")
                    .setStrategyId(start + "-" + (i++) + ":" + g.encode()).setGenome(g.encode()).setAttempt(1).build(),
                    collector));
        }
        done.await();
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " evaluations failed");
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static List<TilePrecisions> precisions(CimPlatformModel m, IntGenome g) {
        List<TilePrecisions> out = new ArrayList<>();
        for (TilePrecision p : m.space().decode(g)) {
            out.add(new TilePrecisions(p.inputBits(), p.weightBits(), p.partialSumBits()));
        }
        return out;
    }

    private static double median(List<double[]> runs) {
        double[] v = runs.stream().mapToDouble(r -> r[0]).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** VmHWM of this process (Linux), in MiB; -1 elsewhere. */
    static long peakRssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) >> 10;
                }
            }
        } catch (java.io.IOException e) {
            return -1;
        }
        return -1;
    }
}
