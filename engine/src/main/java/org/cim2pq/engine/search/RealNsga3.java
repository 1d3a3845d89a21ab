package org.cim2pq.engine.search;

import java.util.SplittableRandom;

import org.cim2pq.engine.problem.RealProblem;
import org.cim2pq.engine.random.DrawKey;
import org.cim2pq.engine.random.Purpose;
import org.cim2pq.engine.selection.QuotaPolicy;
import org.cim2pq.engine.selection.QuotaSurvival;
import org.cim2pq.engine.selection.ReferencePoints;
import org.cim2pq.engine.selection.SurvivalOutcome;
import org.cim2pq.engine.variation.PolynomialMutation;
import org.cim2pq.engine.variation.SimulatedBinaryCrossover;

/**
 * NSGA-III on a real-valued problem as Deb and Jain 2014 ran it: N uniform random initial solutions; each generation
 * N/2 random parent pairs (pair i from stream (seed, g, PARENTS, i)), SBX (eta_c = 30, p_c = 1) from (seed, g,
 * CROSSOVER, i), polynomial mutation (eta_m = 20, p_m = 1/n) of child 2i+j from (seed, g, MUTATION, 2i+j), then the
 * NSGA-III survival of the 2N parents and children (niching draws from (seed, g, SELECTION, 0); ideal point over
 * everything evaluated so far, as the paper's union of S_0..S_t). {@code generations}
 * counts these breed-evaluate-select rounds after the initial population. Deterministic in the seed.
 */
public final class RealNsga3 {

    private final RealProblem problem;
    private final int generations;
    private final long seed;
    private final ReferencePoints referencePoints;
    private final int populationSize;
    private final SimulatedBinaryCrossover crossover;
    private final PolynomialMutation mutation;
    private final QuotaSurvival survival;

    private RealNsga3(Builder b) {
        this.problem = b.problem;
        this.generations = b.generations;
        this.seed = b.seed;
        this.referencePoints = b.referencePoints != null ? b.referencePoints
                : ReferencePoints.forObjectives(problem.numberOfObjectives());
        this.populationSize = b.populationSize > 0 ? b.populationSize : referencePoints.populationSize();
        this.crossover = b.crossover;
        this.mutation = b.mutation;
        this.survival = new QuotaSurvival(referencePoints, b.quota);
    }

    public static Builder builder() {
        return new Builder();
    }

    public int populationSize() {
        return populationSize;
    }

    public ReferencePoints referencePoints() {
        return referencePoints;
    }

    public RealRunResult run() {
        int n = populationSize;
        double[][] x = initial();
        double[][] f = evaluate(x);
        long evaluations = n;
        double[] ideal = null;
        double[][] extremes = null;
        for (int g = 1; g <= generations; g++) {
            double[][] cx = offspring(x, g);
            double[][] cf = evaluate(cx);
            evaluations += cx.length;
            double[][] ux = concat(x, cx);
            double[][] uf = concat(f, cf);
            ideal = minimum(ideal, uf);
            SurvivalOutcome out = survive(uf, g, ideal, extremes);
            if (out.normalization() != null) {
                extremes = out.normalization().extremePoints();
            }
            int[] s = out.survivors();
            x = new double[s.length][];
            f = new double[s.length][];
            for (int i = 0; i < s.length; i++) {
                x[i] = ux[s[i]];
                f[i] = uf[s[i]];
            }
        }
        return new RealRunResult(x, f, generations, evaluations);
    }

    /** Generation 0: N uniform points, point i from stream (seed, 0, INITIAL_POPULATION, i). */
    public double[][] initial() {
        double[][] x = new double[populationSize][problem.numberOfVariables()];
        for (int i = 0; i < x.length; i++) {
            SplittableRandom r = DrawKey.of(seed, 0, Purpose.INITIAL_POPULATION, i).random();
            for (int v = 0; v < x[i].length; v++) {
                double lo = problem.lowerBound(v);
                x[i][v] = lo + r.nextDouble() * (problem.upperBound(v) - lo);
            }
        }
        return x;
    }

    /** N children of the population {@code x} for generation {@code g} (population rows in a fixed order). */
    public double[][] offspring(double[][] x, int g) {
        int n = x.length;
        double[][] children = new double[populationSize][];
        for (int i = 0; 2 * i < populationSize; i++) {
            SplittableRandom pr = DrawKey.of(seed, g, Purpose.PARENTS, i).random();
            int a = pr.nextInt(n);
            int b = n > 1 ? pr.nextInt(n - 1) : a;
            if (n > 1 && b >= a) {
                b++;
            }
            double[][] c = crossover.apply(x[a], x[b], problem, DrawKey.of(seed, g, Purpose.CROSSOVER, i).random());
            for (int j = 0; j < 2 && 2 * i + j < populationSize; j++) {
                mutation.mutateInPlace(c[j], problem, DrawKey.of(seed, g, Purpose.MUTATION, 2L * i + j).random());
                children[2 * i + j] = c[j];
            }
        }
        return children;
    }

    /** The survival step of generation {@code g} over candidate objectives {@code f}, earlier ideal or null. */
    public SurvivalOutcome survive(double[][] f, int g, double[] earlierIdeal) {
        return survive(f, g, earlierIdeal, null);
    }

    /** As {@link #survive(double[][], int, double[])} with the previous generation's extreme points or null. */
    public SurvivalOutcome survive(double[][] f, int g, double[] earlierIdeal, double[][] earlierExtremes) {
        return survival.select(f, populationSize, DrawKey.of(seed, g, Purpose.SELECTION, 0).random(), earlierIdeal,
                earlierExtremes);
    }

    public double[][] evaluate(double[][] x) {
        double[][] f = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            f[i] = problem.evaluate(x[i]);
        }
        return f;
    }

    private static double[] minimum(double[] ideal, double[][] f) {
        double[] out = ideal == null ? f[0].clone() : ideal.clone();
        for (double[] row : f) {
            for (int i = 0; i < out.length; i++) {
                out[i] = Math.min(out[i], row[i]);
            }
        }
        return out;
    }

    private static double[][] concat(double[][] a, double[][] b) {
        double[][] c = new double[a.length + b.length][];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** DJL-style builder: {@code set*} required, {@code opt*} optional with Deb and Jain's settings as defaults. */
    public static final class Builder {
        private RealProblem problem;
        private int generations = -1;
        private long seed;
        private ReferencePoints referencePoints;
        private int populationSize;
        private SimulatedBinaryCrossover crossover = SimulatedBinaryCrossover.DEFAULT;
        private PolynomialMutation mutation = PolynomialMutation.DEFAULT;
        private QuotaPolicy quota = QuotaPolicy.NONE;

        private Builder() {
        }

        public Builder setProblem(RealProblem problem) {
            this.problem = problem;
            return this;
        }

        public Builder setGenerations(int generations) {
            this.generations = generations;
            return this;
        }

        /** Default 0. */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Default {@link ReferencePoints#forObjectives(int)} (Deb and Jain's Table I). */
        public Builder optReferencePoints(ReferencePoints referencePoints) {
            this.referencePoints = referencePoints;
            return this;
        }

        /** Default {@link ReferencePoints#populationSize()} (92 for M = 3). */
        public Builder optPopulationSize(int populationSize) {
            this.populationSize = populationSize;
            return this;
        }

        /** Default SBX with eta_c = 30, p_c = 1. */
        public Builder optCrossover(SimulatedBinaryCrossover crossover) {
            this.crossover = crossover;
            return this;
        }

        /** Default polynomial mutation with eta_m = 20, p_m = 1/n. */
        public Builder optMutation(PolynomialMutation mutation) {
            this.mutation = mutation;
            return this;
        }

        /** Default {@link QuotaPolicy#NONE} (NSGA-III). */
        public Builder optQuota(QuotaPolicy quota) {
            this.quota = quota;
            return this;
        }

        public RealNsga3 build() {
            if (problem == null || generations < 0) {
                throw new IllegalArgumentException("setProblem and setGenerations are required");
            }
            return new RealNsga3(this);
        }
    }
}
