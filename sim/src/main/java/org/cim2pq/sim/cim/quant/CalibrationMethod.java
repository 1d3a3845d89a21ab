package org.cim2pq.sim.cim.quant;

/** How a quantizer's clipping range is chosen from calibration samples. */
public enum CalibrationMethod {
    /** The clipping range minimising the quantization MSE over a grid of clipping ratios (METHOD.md default). */
    MSE,
    /** The full observed range (no clipping). */
    MIN_MAX,
    /** {@code max(|mean - k sigma|, |mean + k sigma|)}, for partial sums (METHOD.md option). */
    MEAN_K_SIGMA
}
