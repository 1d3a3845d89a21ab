package org.cim2pq.sim.cim.inference;

/** How faithfully the analog partial sums are simulated (METHOD.md section 2). */
public enum Fidelity {
    /** The ADC quantizes each array's whole partial sum of quantized inputs x quantized weights (default, fast). */
    PSUM,
    /**
     * The ADC quantizes every (input digit, weight slice) column count and the digital side recombines them
     * (DNN+NeuroSim style, exact); about {@code cycles x slices x d} times the work of {@link #PSUM}.
     */
    BITSERIAL
}
