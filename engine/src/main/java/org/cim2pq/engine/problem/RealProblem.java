package org.cim2pq.engine.problem;

/** A box-constrained real-valued multi-objective problem, all objectives minimised. */
public interface RealProblem {

    String name();

    int numberOfVariables();

    int numberOfObjectives();

    double lowerBound(int variable);

    double upperBound(int variable);

    double[] evaluate(double[] x);
}
