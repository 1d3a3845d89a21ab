package org.cim2pq.sim.cim.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleFunction;

import org.junit.jupiter.api.Test;

/** Per-slice bit-serial ADC ranges: the counts of one slice, and the shifts chosen for them. */
class PerSliceAdcTest {

    /**
     * Two cycles, groups (polarity, slice) = (+,0) (+,1) (-,0) (-,1): slice 0 counts 0..255 (a dense LSB slice),
     * slice 1 counts 0..7 (a sparse MSB slice).
     */
    static ColumnCounts twoSlices(int outputs) {
        int terms = 2 * 4;
        float[] counts = new float[outputs * terms];
        for (int i = 0; i < outputs; i++) {
            for (int t = 0; t < terms; t++) {
                int slice = t % 4 % 2;
                counts[i * terms + t] = slice == 0 ? (i * 37 + t) % 256 : (i * 5 + t) % 8;
            }
        }
        double[] coef = {1, 4, -1, -4, 2, 8, -2, -8};
        return new ColumnCounts(255, counts, coef, counts.clone());
    }

    @Test
    void ofSliceTakesBothPolaritiesAndEveryCycle() {
        ColumnCounts c = twoSlices(3);
        float[] msb = c.ofSlice(4, 2, 1);
        assertEquals(3 * 4, msb.length);
        // output 1: terms t = 1, 3, 5, 7 hold slice 1: (5 + t) % 8
        assertArrayEquals(new float[] {6, 0, 2, 4}, java.util.Arrays.copyOfRange(msb, 4, 8));
        assertThrows(IllegalArgumentException.class, () -> c.ofSlice(3, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> c.ofSlice(4, 2, 2));
    }

    @Test
    void theSparseSliceGetsAFinerStepAPowerOfTwoBelowTheDenseOne() {
        int bits = 4;
        DoubleFunction<UniformQuantizer> q = c -> PartialSumQuantizer.counts(bits, (float) c).quantizer();
        BitSerialAdc adc = TileCalibration.perSlice(twoSlices(512), bits, 2, 4, q, CalibrationMethod.MIN_MAX, 3,
                false);
        // min-max: slice 0 needs 255 / 15 = 17 counts a step, slice 1 7 / 15 -> the one-count minimum
        assertEquals(17f, adc.adc().quantizer().scale());
        assertEquals(15, adc.adc().quantizer().max());
        assertEquals(0, adc.shift(0));
        // 17 / 2^4 = 1.0625 is the finest step of at least one count: slice 1 (0..7) is converted with least error
        assertEquals(4, adc.shift(1));
    }

    @Test
    void theOutputErrorOfASliceCountsOnlyItsTermsWithTheirCoefficients() {
        // one output, terms (slice 0, slice 1) with coefficients 1 and 4; step 2: Q(5) = 4, Q(3) = 4 (ties to even)
        ColumnCounts c = new ColumnCounts(5, new float[] {5, 3}, new double[] {1, 4}, new float[] {5, 3});
        UniformQuantizer q = new UniformQuantizer(2, 0, 3);
        assertEquals(16.0, ClippingSearch.outputError(c, new boolean[] {false, true}, q)); // (4 * (3 - 4))^2
        assertEquals(1.0, ClippingSearch.outputError(c, new boolean[] {true, false}, q));
        assertEquals(9.0, ClippingSearch.outputError(c, new boolean[] {true, true}, q)); // (1 - 4)^2: signs add
    }

    @Test
    void outputWeightedSliceRangesAlsoGiveTheSparseSliceAFinerStep() {
        int bits = 4;
        DoubleFunction<UniformQuantizer> q = c -> PartialSumQuantizer.counts(bits, (float) c).quantizer();
        BitSerialAdc adc = TileCalibration.perSlice(twoSlices(512), bits, 2, 4, q, CalibrationMethod.MSE, 3, true);
        assertEquals(0, adc.shift(0));
        assertTrue(adc.shift(1) >= 2, "slice 1 (0..7) gets a step at least 4x finer: " + adc);
    }

    @Test
    void shiftsAreValidated() {
        PartialSumQuantizer q = PartialSumQuantizer.counts(4, 60);
        assertThrows(IllegalArgumentException.class, () -> new BitSerialAdc(q, new int[] {0, -1}));
        assertThrows(IllegalArgumentException.class,
                () -> new BitSerialAdc(PartialSumQuantizer.LOSSLESS, new int[] {0, 1}));
        assertEquals(false, BitSerialAdc.uniform(q, 3).perSlice());
        assertEquals(true, new BitSerialAdc(q, new int[] {0, 2}).perSlice());
    }
}
