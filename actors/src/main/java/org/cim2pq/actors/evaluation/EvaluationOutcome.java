package org.cim2pq.actors.evaluation;

import java.util.Map;
import java.util.TreeMap;

/**
 * A finished evaluation: the objectives (all minimised, in the order the model declares them) and further
 * figures such as TOPS/W or clipping rates.
 */
public record EvaluationOutcome(double[] objectives, Map<String, Double> metrics) implements StageOutput {

    public EvaluationOutcome {
        objectives = objectives.clone();
        metrics = Map.copyOf(new TreeMap<>(metrics));
    }

    @Override
    public double[] objectives() {
        return objectives.clone();
    }

    /** The outcome a journaled (or wire) result records. */
    public static EvaluationOutcome of(org.cim2pq.persistence.proto.StrategyEvaluated r) {
        return new EvaluationOutcome(r.getObjectivesList().stream().mapToDouble(Double::doubleValue).toArray(),
                new TreeMap<>(r.getMetricsMap()));
    }
}
