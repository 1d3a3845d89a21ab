/**
 * The generational loop: the initial population of a CIM search, and plain in-memory drivers (breed, evaluate,
 * select) over an objective function, for CIM search spaces and for real-valued benchmark problems. The actor-based
 * search drives the same steps one at a time and journals each decision.
 */
package org.cim2pq.engine.search;
