package org.cim2pq.sim.cim.noise;

import java.util.Objects;

/**
 * How an evaluator simulates non-idealities: the profile, the number of draws (chip instances) each strategy is
 * evaluated on, and the noise seed every draw is keyed by (derived from the search seed). An evaluation under noise
 * reports the mean accuracy over its draws as its objective, with their spread as metrics.
 *
 * @param profile the non-idealities
 * @param draws chip instances per evaluation, at least 1
 * @param seed the noise seed (unused when the profile is ideal)
 */
public record NoiseSetting(NoiseProfile profile, int draws, long seed) {

    /** The ideal machine: one draw of nothing. */
    public static final NoiseSetting IDEAL = new NoiseSetting(NoiseProfile.IDEAL, 1, 0);
    /** Draws per evaluation when a profile is given without a count. */
    public static final int DEFAULT_DRAWS = 4;

    public NoiseSetting {
        Objects.requireNonNull(profile, "profile");
        if (draws < 1) {
            throw new IllegalArgumentException("noise draws must be at least 1, not " + draws);
        }
    }

    /** Whether this setting perturbs nothing. */
    public boolean isIdeal() {
        return profile.isIdeal();
    }

    /** Draws actually simulated: one for the ideal profile, whatever was asked. */
    public int effectiveDraws() {
        return isIdeal() ? 1 : draws;
    }
}
