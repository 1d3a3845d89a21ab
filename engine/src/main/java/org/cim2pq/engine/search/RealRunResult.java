package org.cim2pq.engine.search;

/** The final population of a real-valued run: decision vectors and objective vectors, row by row. */
public record RealRunResult(double[][] variables, double[][] objectives, int generations, long evaluations) {
}
