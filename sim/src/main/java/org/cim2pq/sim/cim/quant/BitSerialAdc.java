package org.cim2pq.sim.cim.quant;

import java.util.Arrays;

/**
 * A bit-serial tile's ADC: the quantizer of its column counts and, per weight slice, how much finer that slice's
 * columns convert. Slice {@code k}'s step is {@code adc.quantizer().scale() / 2^sliceShifts[k]} with the same levels
 * {@code 0 .. 2^bPs - 1}, so its range is {@code 2^sliceShifts[k]} times narrower; its levels weigh
 * {@code 2^-sliceShifts[k]} in the shift-add recombination. All shifts are 0 (one range per tile) unless
 * {@link QuantizationConfig#perSliceBitserialAdc()}.
 *
 * @param adc the tile's ADC (lossless, or the step of its widest slice)
 * @param sliceShifts one shift per weight slice, LSB slice first; each {@code >= 0}
 */
public record BitSerialAdc(PartialSumQuantizer adc, int[] sliceShifts) {

    public BitSerialAdc {
        for (int s : sliceShifts) {
            if (s < 0 || s > 30) {
                throw new IllegalArgumentException("slice shifts must be in 0..30: " + Arrays.toString(sliceShifts));
            }
        }
        if (adc.isLossless() && Arrays.stream(sliceShifts).anyMatch(s -> s != 0)) {
            throw new IllegalArgumentException("a lossless ADC has no slice ranges");
        }
        sliceShifts = sliceShifts.clone();
    }

    /** One range for every slice. */
    public static BitSerialAdc uniform(PartialSumQuantizer adc, int slices) {
        return new BitSerialAdc(adc, new int[slices]);
    }

    @Override
    public int[] sliceShifts() {
        return sliceShifts.clone();
    }

    /** Slice {@code k}'s shift. */
    public int shift(int slice) {
        return sliceShifts[slice];
    }

    /** Whether some slice converts with a finer step than the tile's. */
    public boolean perSlice() {
        return Arrays.stream(sliceShifts).anyMatch(s -> s != 0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BitSerialAdc b && adc.equals(b.adc) && Arrays.equals(sliceShifts, b.sliceShifts);
    }

    @Override
    public int hashCode() {
        return 31 * adc.hashCode() + Arrays.hashCode(sliceShifts);
    }

    @Override
    public String toString() {
        return "BitSerialAdc[" + adc + ", sliceShifts=" + Arrays.toString(sliceShifts) + "]";
    }
}
