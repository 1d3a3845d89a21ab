/**
 * What is optimised: objective vectors (all minimised), objective functions, real-valued benchmark problems
 * (DTLZ1-DTLZ4 for any number of objectives) and their true Pareto fronts.
 */
package org.cim2pq.engine.problem;
