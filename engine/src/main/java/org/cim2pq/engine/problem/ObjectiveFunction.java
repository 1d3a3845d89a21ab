package org.cim2pq.engine.problem;

/** Scores a genome on every objective (all minimised). Must be a pure function of the genome. */
@FunctionalInterface
public interface ObjectiveFunction<G> {

    double[] evaluate(G genome);
}
