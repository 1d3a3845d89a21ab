package org.cim2pq.ops.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code cim2pq bench ...}: benchmarks that run cim2pq side by side with a reference in one JVM and print ratios.
 * They live in test scope because the references (jMetal, MOEA Framework) are test-scope dependencies; the
 * launcher runs this class on the test class path.
 */
@Command(name = "cim2pq bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: cim2pq against a reference, same JVM, same inputs; figures and ratios printed.",
        subcommands = {Nsga3Bench.class, JournalBench.class, EvalBench.class, AccuracyBench.class,
                PresetBench.class, PipelineBench.class, ClusterBench.class})
public final class BenchMain implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing benchmark name");
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }
}
