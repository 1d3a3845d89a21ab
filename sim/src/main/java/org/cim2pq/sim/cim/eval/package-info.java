/**
 * The evaluator: a strategy (per-tile precisions in tile order) in, objectives (top-1 error, energy, latency,
 * area) and metrics out, on a fixed evaluation batch with cached calibration, reusing the activations of an
 * unchanged prefix of layers.
 */
package org.cim2pq.sim.cim.eval;
