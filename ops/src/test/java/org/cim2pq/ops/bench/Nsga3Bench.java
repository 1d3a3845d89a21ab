package org.cim2pq.ops.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.logging.Level;

import org.cim2pq.engine.indicator.Igd;
import org.cim2pq.engine.problem.Dtlz;
import org.cim2pq.engine.search.RealNsga3;
import org.cim2pq.engine.search.RealRunResult;
import org.cim2pq.engine.selection.ReferencePoints;
import org.cim2pq.engine.selection.SurvivalOutcome;
import org.uma.jmetal.algorithm.multiobjective.nsgaiii.NSGAIIIBuilder;
import org.uma.jmetal.operator.crossover.impl.SBXCrossover;
import org.uma.jmetal.operator.mutation.impl.PolynomialMutation;
import org.uma.jmetal.operator.selection.SelectionOperator;
import org.uma.jmetal.problem.doubleproblem.DoubleProblem;
import org.uma.jmetal.problem.multiobjective.dtlz.DTLZ1;
import org.uma.jmetal.problem.multiobjective.dtlz.DTLZ2;
import org.uma.jmetal.problem.multiobjective.dtlz.DTLZ3;
import org.uma.jmetal.problem.multiobjective.dtlz.DTLZ4;
import org.uma.jmetal.solution.doublesolution.DoubleSolution;
import org.uma.jmetal.util.JMetalLogger;
import org.uma.jmetal.util.pseudorandom.JMetalRandom;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cim2pq bench nsga3}: cim2pq's NSGA-III against jMetal 6.6's on DTLZ1-4, in one JVM, with Deb and Jain's
 * 2014 budgets (generations per problem and M, N from the reference points: 92 / 212 / 156 for M = 3 / 5 / 8) and
 * operators (SBX eta_c = 30, p_c = 1; polynomial mutation eta_m = 20, p_m = 1/n; random mating). Both get the same
 * reference points and N. IGD is Deb and Jain's (target points on the true front along the reference directions,
 * to the nearest member of the final population). The survival step is timed for both on the same 2N candidates
 * (cim2pq's final population plus one more generation of its offspring): warm-up, then the median of several timed
 * batches, interleaved so machine noise hits both alike.
 */
@Command(name = "nsga3", mixinStandardHelpOptions = true,
        description = "NSGA-III on DTLZ: cim2pq vs jMetal 6.6 (IGD over runs, survival step time).")
public final class Nsga3Bench implements Callable<Integer> {

    @Option(names = "--problems", split = ",", defaultValue = "DTLZ1,DTLZ2,DTLZ3,DTLZ4",
            description = "DTLZ1..DTLZ4, comma-separated (default: ${DEFAULT-VALUE}).")
    List<String> problems;

    @Option(names = "--objectives", split = ",", defaultValue = "3,5,8",
            description = "Numbers of objectives (default: ${DEFAULT-VALUE}).")
    List<Integer> objectives;

    @Option(names = "--runs", defaultValue = "20", description = "Independent runs per row (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--quick", description = "Smoke run: a tenth of the generations and short timing.")
    boolean quick;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of run 0; run r uses seed + r (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--no-jmetal", description = "Only cim2pq (no reference runs).")
    boolean noJmetal;

    /** Deb and Jain 2014, Table III: generations for DTLZ1..4 at M = 3, 5, 8 (other M: the M = 8 budget). */
    static int generations(int variant, int m) {
        int[][] table = {{400, 600, 750}, {250, 350, 500}, {1000, 1000, 1000}, {600, 1000, 1250}};
        int col = m <= 3 ? 0 : m <= 5 ? 1 : 2;
        return table[variant - 1][col];
    }

    @Override
    public Integer call() {
        JMetalLogger.logger.setLevel(Level.WARNING);
        System.out.printf("# nsga3 bench: runs=%d quick=%s seed=%d java=%s cores=%d%n", runs, quick, seed,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        for (String name : problems) {
            for (int m : objectives) {
                row(Dtlz.parse(name, m));
            }
        }
        return 0;
    }

    private void row(Dtlz problem) {
        int m = problem.numberOfObjectives();
        int gens = generations(problem.variant(), m);
        if (quick) {
            gens = Math.max(10, gens / 10);
        }
        ReferencePoints refs = ReferencePoints.forObjectives(m);
        double[][] targets = problem.trueFrontTargets(refs.points());
        double[] ours = new double[runs];
        double[] theirs = new double[runs];
        double[][] timingPopulation = null;
        long oursMs = 0;
        long theirsMs = 0;
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            RealNsga3 nsga3 = RealNsga3.builder().setProblem(problem).setGenerations(gens).optSeed(seed + r).build();
            RealRunResult result = nsga3.run();
            ours[r] = Igd.of(result.objectives(), targets);
            oursMs += (System.nanoTime() - t0) / 1_000_000;
            if (timingPopulation == null) {
                double[][] offspring = nsga3.evaluate(nsga3.offspring(result.variables(), gens + 1));
                timingPopulation = concat(result.objectives(), offspring);
            }
            if (!noJmetal) {
                long t1 = System.nanoTime();
                theirs[r] = Igd.of(jmetalRun(problem, refs, gens, seed + r), targets);
                theirsMs += (System.nanoTime() - t1) / 1_000_000;
            }
        }
        double[] timing = timeSurvival(problem, refs, timingPopulation);
        Arrays.sort(ours);
        Arrays.sort(theirs);
        StringBuilder line = new StringBuilder(String.format("nsga3 %s M=%d cim2pq igd best=%.4e median=%.4e worst=%.4e",
                problem.name(), m, ours[0], median(ours), ours[runs - 1]));
        if (!noJmetal) {
            line.append(String.format(" | jmetal median=%.4e (best=%.4e worst=%.4e) | ratio=%.3f", median(theirs),
                    theirs[0], theirs[runs - 1], median(ours) / median(theirs)));
            line.append(String.format(" | survival ns cim2pq=%.0f jmetal=%.0f ratio=%.3f", timing[0], timing[1],
                    timing[0] / timing[1]));
        } else {
            line.append(String.format(" | survival ns cim2pq=%.0f", timing[0]));
        }
        line.append(String.format(" | gens=%d N=%d runs=%d wall s cim2pq=%.1f jmetal=%.1f", gens, refs.populationSize(),
                runs, oursMs / 1000.0, theirsMs / 1000.0));
        System.out.println(line);
        System.out.flush();
    }

    private static DoubleProblem jmetalProblem(Dtlz p) {
        int n = p.numberOfVariables();
        int m = p.numberOfObjectives();
        return switch (p.variant()) {
            case 1 -> new DTLZ1(n, m);
            case 2 -> new DTLZ2(n, m);
            case 3 -> new DTLZ3(n, m);
            default -> new DTLZ4(n, m);
        };
    }

    private static JmetalNsga3<DoubleSolution> jmetal(Dtlz problem, ReferencePoints refs, int gens) {
        DoubleProblem jp = jmetalProblem(problem);
        // Random mating as in Deb and Jain 2014 (NSGA-III needs no tournament: niching does the selecting).
        SelectionOperator<List<DoubleSolution>, DoubleSolution> random =
                list -> list.get(JMetalRandom.getInstance().nextInt(0, list.size() - 1));
        NSGAIIIBuilder<DoubleSolution> b = new NSGAIIIBuilder<>(jp)
                .setCrossoverOperator(new SBXCrossover(1.0, 30.0))
                .setMutationOperator(new PolynomialMutation(1.0 / jp.numberOfVariables(), 20.0))
                .setSelectionOperator(random)
                .setPopulationSize(refs.populationSize())
                .setNumberOfDivisions(1)
                .setMaxIterations(gens + 1); // jMetal counts the initial population as iteration 1
        return new JmetalNsga3<>(b, refs.points(), refs.populationSize());
    }

    private static double[][] jmetalRun(Dtlz problem, ReferencePoints refs, int gens, long seed) {
        JMetalRandom.getInstance().setSeed(seed);
        JmetalNsga3<DoubleSolution> algorithm = jmetal(problem, refs, gens);
        algorithm.run();
        return algorithm.getPopulation().stream().map(s -> s.objectives().clone()).toArray(double[][]::new);
    }

    /** Median ns per survival step: {cim2pq, jMetal} on the same 2N objective vectors. */
    private double[] timeSurvival(Dtlz problem, ReferencePoints refs, double[][] union) {
        int n = refs.populationSize();
        RealNsga3 ours = RealNsga3.builder().setProblem(problem).setGenerations(0).build();
        List<DoubleSolution> parents = new ArrayList<>();
        List<DoubleSolution> children = new ArrayList<>();
        JmetalNsga3<DoubleSolution> theirs = noJmetal ? null : jmetal(problem, refs, 1);
        DoubleProblem jp = jmetalProblem(problem);
        for (int i = 0; i < union.length; i++) {
            DoubleSolution s = jp.createSolution();
            System.arraycopy(union[i], 0, s.objectives(), 0, union[i].length);
            (i < n ? parents : children).add(s);
        }
        int batches = quick ? 5 : 15;
        long budgetNs = quick ? 20_000_000L : 150_000_000L; // per batch and implementation
        int[] sink = new int[1];
        Runnable oursStep = () -> {
            SurvivalOutcome out = ours.survive(union, 1, null);
            sink[0] += out.survivors()[0];
        };
        Runnable theirsStep = theirs == null ? () -> { } : () -> sink[0] += theirs.survive(parents, children).size();
        int repsOurs = calibrate(oursStep, budgetNs);
        int repsTheirs = calibrate(theirsStep, budgetNs);
        double[] a = new double[batches];
        double[] b = new double[batches];
        for (int k = 0; k < batches; k++) {
            a[k] = timed(oursStep, repsOurs);
            b[k] = timed(theirsStep, repsTheirs);
        }
        Arrays.sort(a);
        Arrays.sort(b);
        if (sink[0] == 42) {
            System.out.print("");
        }
        return new double[] {median(a), median(b)};
    }

    /** Warms up, then returns how many repetitions take about {@code budgetNs}. */
    private static int calibrate(Runnable step, long budgetNs) {
        for (int i = 0; i < 200; i++) {
            step.run();
        }
        long t0 = System.nanoTime();
        int reps = 0;
        while (System.nanoTime() - t0 < budgetNs / 4) {
            step.run();
            reps++;
        }
        return Math.max(1, reps * 4);
    }

    private static double timed(Runnable step, int reps) {
        long t0 = System.nanoTime();
        for (int i = 0; i < reps; i++) {
            step.run();
        }
        return (System.nanoTime() - t0) / (double) reps;
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double[][] concat(double[][] a, double[][] b) {
        double[][] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

}
