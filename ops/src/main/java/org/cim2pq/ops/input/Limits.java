package org.cim2pq.ops.input;

import org.cim2pq.actors.search.SearchSettings;
import org.cim2pq.sim.data.FashionMnist;

/**
 * The ranges of the command line's numeric options, one place for each: the search's own limits (population,
 * generations) and the images a data set has (Fashion-MNIST: 10,000 held-out, 60,000 training). Defaults live in
 * {@code reference.conf}.
 */
public final class Limits {

    /** An inclusive range. */
    public record Range(long min, long max) {
        @Override
        public String toString() {
            return min + ".." + max;
        }
    }

    public static final Range POPULATION = new Range(2, SearchSettings.MAX_POPULATION);
    public static final Range GENERATIONS = new Range(0, SearchSettings.MAX_GENERATIONS);
    public static final Range EVAL_IMAGES = new Range(1, FashionMnist.TEST_SIZE);
    public static final Range CALIBRATION_IMAGES = new Range(1, FashionMnist.TRAIN_SIZE);
    /** Noise draws per evaluation: each is a full pass over the evaluation images, so a few tens at most. */
    public static final Range NOISE_DRAWS = new Range(1, 64);

    /** For option descriptions (annotation constants). */
    public static final String POPULATION_RANGE = "2.." + SearchSettings.MAX_POPULATION;
    public static final String GENERATIONS_RANGE = "0.." + SearchSettings.MAX_GENERATIONS;
    public static final String NOISE_DRAWS_RANGE = "1..64";

    private Limits() {}

    /** A UserError "--x must be in a..b, got v" when {@code value} is outside {@code range}. */
    public static void check(String option, long value, Range range) {
        if (value < range.min() || value > range.max()) {
            throw new UserError(option + " must be in " + range + ", got " + value);
        }
    }
}
