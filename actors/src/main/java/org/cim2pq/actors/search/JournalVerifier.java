package org.cim2pq.actors.search;

import java.util.List;
import java.util.Optional;
import org.cim2pq.engine.genome.StrategyId;
import org.cim2pq.engine.search.GenerationalStep;
import org.cim2pq.engine.space.CimSearchSpace;
import org.cim2pq.persistence.event.DecisionEvents;
import org.cim2pq.persistence.event.SearchEvent;
import org.cim2pq.persistence.event.SearchEventCodec;
import org.cim2pq.persistence.event.SearchReadModel;

/**
 * Replays a search's journal and re-derives every recorded decision with the step that made it
 * ({@link GenerationalStep}, a pure function of the progress the earlier events build): the initial population,
 * each generation's parents, crossover masks and mutated sites, each selection with every candidate's fate, the
 * completion, and the copies of results for equal genomes. Evaluation outcomes are inputs, not decisions: they are
 * checked to belong to a bred strategy and to be recorded once; so are the front's re-evaluations, which must follow
 * the completion, be of a front strategy under a protocol the start asks for, and be recorded once. The first
 * divergence is reported.
 */
public final class JournalVerifier {

    /** The outcome: counts of what was checked, or the first divergence. */
    public record Verdict(boolean ok, int events, int decisions, int results, String divergence) {}

    private final SearchDefinition definition;
    private final CimSearchSpace space;

    /** Verifies against a definition (the model's space and the settings), checking the start matches it. */
    public JournalVerifier(SearchDefinition definition) {
        this.definition = definition;
        this.space = null;
    }

    /** Verifies from the journal alone: the space is the one its start describes (format 2). */
    public JournalVerifier(CimSearchSpace space) {
        this.definition = null;
        this.space = space;
    }

    public Verdict verify(List<SearchEvent> events) {
        SearchReadModel state = SearchReadModel.bounded();
        if (!events.isEmpty()) {
            state.apply(events.get(0));
        }
        if (!state.isStarted()) {
            return diverged(0, 0, 0, "event 1 is " + (events.isEmpty() ? "missing" : events.get(0).type())
                    + ", expected SearchStarted");
        }
        SearchEvent.SearchStarted started = state.started();
        String format = SearchDefinition.unreadableFormat(started);
        if (format != null) {
            return diverged(0, 0, 0, "event 1 (SearchStarted): " + format);
        }
        if (definition != null) {
            String mismatch = definition.mismatch(started);
            if (mismatch != null) {
                return diverged(0, 0, 0, "event 1 (SearchStarted): " + mismatch);
            }
        }
        GenerationalStep step = definition != null ? definition.step()
                : SearchDefinition.step(space, SearchSettings.of(started), started.objectives().size());
        int decisions = 0;
        int results = 0;
        int i = 1;
        while (i < events.size()) {
            SearchEvent recorded = events.get(i);
            int seq = i + 1;
            Optional<SearchEvent.StrategyReevaluated> again = recorded.frontReevaluation();
            if (again.isPresent()) {
                String wrong = misplaced(state, again.get());
                if (wrong != null) {
                    return diverged(i, decisions, results, "event " + seq + " (" + recorded.type() + "): " + wrong);
                }
                state.apply(recorded);
                results++;
                i++;
                continue;
            }
            Optional<StrategyId> outcome = recorded.evaluationOutcome();
            if (outcome.isPresent()) {
                StrategyId id = outcome.get();
                if (!state.progress().births().contains(id)) {
                    return diverged(i, decisions, results, "event " + seq + " (" + recorded.type() + "): result for "
                            + id + ", which is not a strategy of the current generation");
                }
                if (state.progress().isResolved(id)) {
                    return diverged(i, decisions, results, "event " + seq + " (" + recorded.type() + "): " + id
                            + " already has a recorded result");
                }
                state.apply(recorded);
                results++;
                i++;
                continue;
            }
            // A decision: the step, on the progress the journal built so far, must make exactly the recorded batch.
            List<SearchEvent> expected = DecisionEvents.of(step.next(state.progress()), state);
            if (expected.isEmpty()) {
                return diverged(i, decisions, results, "event " + seq + " (" + recorded.type()
                        + "): recorded a decision while evaluations were still outstanding");
            }
            for (int k = 0; k < expected.size(); k++) {
                SearchEvent actual = i + k < events.size() ? events.get(i + k) : null;
                if (!expected.get(k).equals(actual)) {
                    return diverged(i + k, decisions, results, "event " + (seq + k) + " ("
                            + (actual == null ? "end of journal" : actual.type()) + "): expected "
                            + brief(expected.get(k)) + ", recorded " + (actual == null ? "nothing" : brief(actual)));
                }
            }
            expected.forEach(state::apply);
            decisions += expected.size();
            i += expected.size();
        }
        return new Verdict(true, events.size(), decisions, results, null);
    }

    /** Why a journaled re-evaluation does not belong where it is, or null when it does. */
    private static String misplaced(SearchReadModel state, SearchEvent.StrategyReevaluated r) {
        if (!state.isCompleted()) {
            return "re-evaluation of " + r.id() + " before the search completed";
        }
        if (!state.started().reevaluations().contains(r.protocol())) {
            return "re-evaluation of " + r.id() + " under a protocol the start does not ask for";
        }
        if (!state.completed().front().contains(r.id())) {
            return "re-evaluation of " + r.id() + ", which is not on the front";
        }
        if (state.reevaluation(r.protocol(), r.id()) != null) {
            return r.id() + " already has a recorded re-evaluation on " + r.protocol().machine();
        }
        return null;
    }

    private static Verdict diverged(int index, int decisions, int results, String what) {
        return new Verdict(false, index + 1, decisions, results, what);
    }

    private static String brief(SearchEvent event) {
        String text = event.type() + " {" + SearchEventCodec.encode(event).toString().replace('\n', ' ').strip() + "}";
        return text.length() > 400 ? text.substring(0, 400) + "..." : text;
    }
}
