package org.cim2pq.persistence.query;

import org.cim2pq.persistence.proto.EvaluationFailed;
import org.cim2pq.persistence.proto.GenerationStarted;
import org.cim2pq.persistence.proto.SearchCompleted;
import org.cim2pq.persistence.proto.SearchStarted;
import org.cim2pq.persistence.proto.StrategyEvaluated;

/** One search at a glance, folded from its events one at a time (constant memory): what {@code cim2pq list} shows. */
public final class SearchSummary {

    private final String id;
    private SearchStarted started;
    private int generation = -1;
    private long evaluations;
    private long failures;
    private double bestError = Double.NaN;
    private double bestTopsPerWatt = Double.NaN;
    private SearchCompleted completed;

    public SearchSummary(String id) {
        this.id = id;
    }

    public SearchSummary add(Object event) {
        if (event instanceof SearchStarted e) {
            started = e;
        } else if (event instanceof GenerationStarted e) {
            generation = e.getGeneration();
        } else if (event instanceof StrategyEvaluated e) {
            evaluations++;
            generation = Math.max(generation, 0);
            if (e.getObjectivesCount() > 0 && !(e.getObjectives(0) >= bestError)) {
                bestError = e.getObjectives(0);
            }
            double tops = e.getMetricsOrDefault("tops_per_w", Double.NaN);
            if (!Double.isNaN(tops) && !(tops <= bestTopsPerWatt)) {
                bestTopsPerWatt = tops;
            }
        } else if (event instanceof EvaluationFailed) {
            failures++;
        } else if (event instanceof SearchCompleted e) {
            completed = e;
        }
        return this;
    }

    public String id() {
        return id;
    }

    /** {@code completed}, or {@code stopped} (not running here: nothing else writes an embedded journal). */
    public String status() {
        return completed != null ? "completed" : started == null ? "empty" : "stopped";
    }

    public int generation() {
        return generation;
    }

    public int generations() {
        return started == null ? 0 : started.getGenerations();
    }

    public long evaluations() {
        return evaluations;
    }

    public long failures() {
        return failures;
    }

    public double bestError() {
        return bestError;
    }

    public double bestTopsPerWatt() {
        return bestTopsPerWatt;
    }

    public SearchStarted started() {
        return started;
    }

    public int frontSize() {
        return completed == null ? 0 : completed.getFrontCount();
    }
}
