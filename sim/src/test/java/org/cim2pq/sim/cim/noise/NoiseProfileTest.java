package org.cim2pq.sim.cim.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The shipped profiles against the constants of their cited sources (the data files' headers name them). */
class NoiseProfileTest {

    /**
     * aihwkit src/aihwkit/inference/noise/reram.py, ReRamWan2022NoiseModel: coeff_dic[1.0] =
     * [-16.815, 45.393, -43.853, 16.030, 0.348][::-1], prog_coeff_g_max_reference = 40.0 (uS).
     */
    static final double[] WAN_2022_ONE_SECOND = {0.348, 16.030, -43.853, 45.393, -16.815};

    @Test
    void idealPerturbsNothing() {
        NoiseProfile ideal = NoiseProfile.byName("ideal");
        assertTrue(ideal.isIdeal());
        assertFalse(ideal.perturbsCells());
        assertEquals(NoiseProfile.DEFAULT, ideal.name());
        assertEquals(1, new NoiseSetting(ideal, 8, 3).effectiveDraws(), "the ideal machine needs one draw");
    }

    @Test
    void typicalRramIsWan2022AsFittedInAihwkitWithAihwkitsReadAndOutputNoise() {
        NoiseProfile p = NoiseProfile.byName("typical-rram");
        assertArrayEquals(WAN_2022_ONE_SECOND, p.programmingSigmaUs(), 0);
        assertEquals(40.0, p.gMaxUs(), 0);
        // ReRamWan2022NoiseModel's note: forward.w_noise about 0.01, WeightNoiseType.ADDITIVE_CONSTANT
        assertEquals(0.01, p.readSigma(), 0);
        // aihwkit IOParameters.out_noise default
        assertEquals(0.06, p.columnNoiseSigma(), 0);
        assertEquals(0, p.stuckOffRate(), 0);
        assertEquals(0, p.stuckOnRate(), 0);
        assertEquals(0, p.adcOffsetSigmaLsb(), 0);
        assertEquals(0, p.adcGainSigma(), 0);
        assertEquals(0, p.adcNoiseSigmaLsb(), 0);
        assertTrue(p.perturbsCells());
    }

    @Test
    void faultyRramAddsChen2015StuckAtRates() {
        NoiseProfile p = NoiseProfile.byName("faulty-rram");
        NoiseProfile typical = NoiseProfile.byName("typical-rram");
        assertEquals(0.0175, p.stuckOffRate(), 0); // SA0 1.75%
        assertEquals(0.0904, p.stuckOnRate(), 0); // SA1 9.04%
        assertArrayEquals(typical.programmingSigmaUs(), p.programmingSigmaUs(), 0);
        assertEquals(typical.readSigma(), p.readSigma(), 0);
        assertEquals(typical.columnNoiseSigma(), p.columnNoiseSigma(), 0);
    }

    @Test
    void programmingSigmaPerLevelIsThePolynomialOverOneLevelStep() {
        NoiseProfile p = NoiseProfile.byName("typical-rram");
        // 2-bit cells: levels 0..3 at 0, 13.33, 26.67, 40 uS; one step is 40/3 uS
        double step = 40.0 / 3;
        for (int level = 0; level <= 3; level++) {
            double x = level / 3.0;
            double sigmaUs = 0.348 + 16.030 * x - 43.853 * x * x + 45.393 * x * x * x - 16.815 * x * x * x * x;
            assertEquals(sigmaUs / step, p.programmingSigmaSteps(level, 3), 1e-12, "level " + level);
        }
        assertEquals(1.103 / step, p.programmingSigmaSteps(3, 3), 1e-12, "at g_max: 1.103 uS");
        assertEquals(0.348 / step, p.programmingSigmaSteps(0, 3), 1e-12, "at 0: 0.348 uS");
    }

    @Test
    void unknownProfileNamesTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NoiseProfile.byName("sram"));
        assertTrue(e.getMessage().contains("typical-rram") && e.getMessage().contains("ideal"), e.getMessage());
    }
}
