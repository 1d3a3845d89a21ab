/**
 * Arraywise quantization (METHOD.md section 2): per-tile precisions, uniform quantizers for inputs, weights and
 * partial sums (ADCs), their calibration by clipping search, and the calibration cache that makes every
 * (tile, precision) calibration happen once. Pure Java: calibration works on float samples recorded elsewhere.
 */
package org.cim2pq.sim.cim.quant;
