package org.cim2pq.actors.search;

import com.google.protobuf.Message;
import java.util.List;
import org.cim2pq.engine.genome.StrategyId;
import org.cim2pq.persistence.proto.EvaluationFailed;
import org.cim2pq.persistence.proto.PopulationInitialized;
import org.cim2pq.persistence.proto.SearchStarted;
import org.cim2pq.persistence.proto.StrategyEvaluated;

/**
 * Replays a search's journal and re-derives every recorded decision with the code that made it
 * ({@link SearchPlanner}, a pure function of the state the earlier events build): the initial population, each
 * generation's parents, crossover masks and mutated sites, each selection with every candidate's fate, the
 * completion, and the copies of results for equal genomes. Evaluation results are inputs, not decisions: they are
 * checked to belong to a bred strategy and to be recorded once. The first divergence is reported.
 */
public final class JournalVerifier {

    /** The outcome: counts of what was checked, or the first divergence. */
    public record Verdict(boolean ok, int events, int decisions, int results, String divergence) {}

    private final SearchDefinition definition;

    public JournalVerifier(SearchDefinition definition) {
        this.definition = definition;
    }

    public Verdict verify(List<Object> events) {
        SearchPlanner planner = new SearchPlanner(definition.model().space(), definition.settings(),
                definition.model().objectives().size());
        SearchState state = new SearchState();
        int decisions = 0;
        int results = 0;
        int i = 0;
        while (i < events.size()) {
            Object recorded = events.get(i);
            int seq = i + 1;
            if (i == 0) {
                if (!(recorded instanceof SearchStarted started)) {
                    return diverged(i, decisions, results, "event 1 is " + name(recorded) + ", expected SearchStarted");
                }
                String mismatch = definition.mismatch(started);
                if (mismatch != null) {
                    return diverged(i, decisions, results, "event 1 (SearchStarted): " + mismatch);
                }
                state.apply(recorded);
                i++;
                continue;
            }
            if (i == 1) {
                PopulationInitialized expected = planner.initialPopulation();
                if (!expected.equals(recorded)) {
                    return diverged(i, decisions, results, "event 2 (" + name(recorded)
                            + "): expected the initial population " + brief(expected) + ", recorded " + brief(recorded));
                }
                state.apply(recorded);
                decisions++;
                i++;
                continue;
            }
            if (isEvaluation(recorded)) {
                String id = recorded instanceof StrategyEvaluated e ? e.getStrategyId() : ((EvaluationFailed) recorded).getStrategyId();
                StrategyId sid;
                try {
                    sid = StrategyId.parse(id);
                } catch (IllegalArgumentException e) {
                    return diverged(i, decisions, results, "event " + seq + " (" + name(recorded) + "): " + e.getMessage());
                }
                if (!state.births().contains(sid)) {
                    return diverged(i, decisions, results, "event " + seq + " (" + name(recorded) + "): result for "
                            + id + ", which is not a strategy of the current generation");
                }
                if (state.isResolved(sid)) {
                    return diverged(i, decisions, results, "event " + seq + " (" + name(recorded) + "): " + id
                            + " already has a recorded result");
                }
                state.apply(recorded);
                results++;
                i++;
                continue;
            }
            // A decision: the planner, on the state the journal built so far, must make exactly the recorded batch.
            List<Message> expected = planner.next(state);
            if (expected.isEmpty()) {
                return diverged(i, decisions, results, "event " + seq + " (" + name(recorded)
                        + "): recorded a decision while evaluations were still outstanding");
            }
            for (int k = 0; k < expected.size(); k++) {
                Object actual = i + k < events.size() ? events.get(i + k) : null;
                if (!expected.get(k).equals(actual)) {
                    return diverged(i + k, decisions, results, "event " + (seq + k) + " ("
                            + (actual == null ? "end of journal" : name(actual)) + "): expected " + brief(expected.get(k))
                            + ", recorded " + (actual == null ? "nothing" : brief(actual)));
                }
            }
            for (Message m : expected) {
                state.apply(m);
            }
            decisions += expected.size();
            i += expected.size();
        }
        return new Verdict(true, events.size(), decisions, results, null);
    }

    private static boolean isEvaluation(Object event) {
        if (event instanceof StrategyEvaluated e) {
            return !e.getEvaluator().startsWith("same genome as ");
        }
        if (event instanceof EvaluationFailed e) {
            return !e.getReason().startsWith("same genome as ");
        }
        return false;
    }

    private static Verdict diverged(int index, int decisions, int results, String what) {
        return new Verdict(false, index + 1, decisions, results, what);
    }

    private static String name(Object event) {
        return event instanceof Message m ? m.getDescriptorForType().getName() : String.valueOf(event);
    }

    private static String brief(Object event) {
        String text = event instanceof Message m ? name(m) + " {" + m.toString().replace('\n', ' ').strip() + "}"
                : String.valueOf(event);
        return text.length() > 400 ? text.substring(0, 400) + "..." : text;
    }
}
