package org.cim2pq.persistence.event;

import java.util.ArrayList;
import java.util.List;
import org.cim2pq.engine.search.StepDecision;
import org.cim2pq.engine.variation.Birth;

/**
 * The events that record a generational-step decision, exactly as the SearchActor journals them and
 * {@code verify} expects them: the initial population, a generation's start with one crossover and one mutation
 * per child, copies of known results, a selection, the completion. Waiting for evaluations records nothing.
 */
public final class DecisionEvents {

    private DecisionEvents() {}

    /** The events of {@code decision}, taken on {@code state}; empty for {@code Evaluate} and {@code Finished}. */
    public static List<SearchEvent> of(StepDecision decision, SearchReadModel state) {
        List<SearchEvent> events = new ArrayList<>();
        if (decision instanceof StepDecision.InitializePopulation d) {
            List<SearchEvent.Born> born = new ArrayList<>();
            for (int i = 0; i < d.strategies().size(); i++) {
                born.add(new SearchEvent.Born(d.strategies().get(i).id(), d.strategies().get(i).genome(),
                        d.origins().get(i)));
            }
            events.add(new SearchEvent.PopulationInitialized(born));
        } else if (decision instanceof StepDecision.CopyResults d) {
            for (StepDecision.Copy c : d.copies()) {
                SearchEvent.StrategyEvaluated known = state.result(c.source());
                events.add(known != null ? known.copiedTo(c.child())
                        : new SearchEvent.EvaluationFailed(c.source(), "", 0, null).copiedTo(c.child()));
            }
        } else if (decision instanceof StepDecision.Breed d) {
            events.add(new SearchEvent.GenerationStarted(d.generation(), d.mutation(), d.mutationProbability()));
            for (Birth b : d.births()) {
                events.add(new SearchEvent.CrossoverApplied(d.generation(), b.child(), b.firstParent(),
                        b.secondParent(), b.mask()));
                events.add(new SearchEvent.MutationApplied(d.generation(), b.child(), b.mutations(), b.genome(),
                        d.mutationProbability()));
            }
        } else if (decision instanceof StepDecision.Select d) {
            events.add(new SearchEvent.SelectionApplied(d.selection().generation(), d.selection().survivors(),
                    d.selection().fates(), d.hypervolume(), d.duplicates()));
        } else if (decision instanceof StepDecision.Complete d) {
            // The population front is stored only where it is not the reported front (revision 1: never).
            events.add(new SearchEvent.SearchCompleted(d.generations(), d.front(), d.hypervolume(),
                    d.populationFront().equals(d.front()) ? List.of() : d.populationFront()));
        }
        return events;
    }
}
