package org.cim2pq.actors.evaluation;

import java.util.Map;

/**
 * A front strategy evaluated again under a re-evaluation protocol: its outcome and, on held-out images, the images
 * classified correctly summed over the noise draws and the classifications made (0 and 0 for a re-scoring on the
 * search images), as its {@code StrategyReevaluated} journals them.
 */
public record Reevaluation(EvaluationOutcome outcome, long top1Correct, long top1Classified) {

    /** A re-evaluation without classification counts. */
    public static Reevaluation of(EvaluationOutcome outcome) {
        return new Reevaluation(outcome, 0, 0);
    }

    public double[] objectives() {
        return outcome.objectives();
    }

    public Map<String, Double> metrics() {
        return outcome.metrics();
    }
}
