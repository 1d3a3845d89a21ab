/**
 * Executing a {@link org.cim2pq.sim.network.FoldedNetwork} on DJL NDArrays (PyTorch CPU): in floating point, and
 * arraywise quantized for a strategy at {@code psum} or {@code bitserial} fidelity (METHOD.md section 2), plus the
 * FP calibration run that feeds {@link org.cim2pq.sim.cim.quant.TileCalibration}.
 *
 * <p>Quantized layers compute in integer levels held as floats (exact while sums stay below 2^24), so the two
 * fidelities agree bit for bit when the ADC is lossless. Quantized layers run on native kernels that fuse the DAC,
 * crossbar sums, ADCs, recombination, row-block sum and bias ({@code PartialSumKernel}, {@code BitSerialKernel}; C
 * sources in {@code sim/src/main/c}); where they are not built, on DJL, with the same floats.
 */
package org.cim2pq.sim.cim.inference;
