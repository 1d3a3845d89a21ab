/**
 * Executing a {@link org.cim2pq.sim.network.FoldedNetwork} on DJL NDArrays (PyTorch CPU): in floating point, and
 * arraywise quantized for a strategy at {@code psum} or {@code bitserial} fidelity (METHOD.md section 2), plus the
 * FP calibration run that feeds {@link org.cim2pq.sim.cim.quant.TileCalibration}.
 *
 * <p>Quantized layers compute in integer levels held as floats (exact while sums stay below 2^24), so the two
 * fidelities agree bit for bit when the ADC is lossless. A psum layer runs on a native kernel that fuses DAC,
 * crossbar sums, ADC, row-block sum and bias ({@code PartialSumKernel}, C sources in {@code sim/src/main/c}); where
 * it is not built, on DJL convolutions with the other steps as single Java passes over the tensors' native memory,
 * with the same floats.
 */
package org.cim2pq.sim.cim.inference;
