package org.cim2pq.actors.search;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.cim2pq.actors.evaluation.EvaluationModel;
import org.cim2pq.actors.evaluation.EvaluationPipeline;
import org.cim2pq.actors.evaluation.EvaluationQueue;

/**
 * One machine's share of the work: an evaluation queue, a number of evaluation pipelines (default one per core)
 * and the searches started here. The guardian of the command line's ActorSystem.
 */
public final class SearchNode {

    public sealed interface Command {}

    /** Start (or recover) a search; its actor ref is the reply. */
    public record StartSearch(SearchDefinition definition, ActorRef<ActorRef<SearchActor.Command>> replyTo)
            implements Command {}

    /**
     * Recover a search from its journal alone (as a sharded entity is created from its id): it continues where the
     * journal ends; the node's model serves as the platform of a format 1 journal. Its actor ref is the reply.
     */
    public record RecoverSearch(String searchId, int snapshotEvery, ActorRef<ActorRef<SearchActor.Command>> replyTo)
            implements Command {}

    private SearchNode() {}

    public static Behavior<Command> create(EvaluationModel model, int pipelines, EvaluationQueue.Settings queueSettings,
            EvaluationPipeline.Settings pipelineSettings) {
        return Behaviors.setup(ctx -> {
            ActorRef<EvaluationQueue.Command> queue = ctx.spawn(EvaluationQueue.create(queueSettings), "evaluation-queue");
            for (int i = 0; i < pipelines; i++) {
                ctx.spawn(EvaluationPipeline.create("pipeline-" + i, model, queue, pipelineSettings), "pipeline-" + i);
            }
            return Behaviors.receive(Command.class)
                    .onMessage(StartSearch.class, start -> {
                        ActorRef<SearchActor.Command> search = ctx.spawn(
                                SearchActor.create(start.definition(), queue),
                                "search-" + start.definition().searchId().replaceAll("[^A-Za-z0-9_-]", "_"));
                        start.replyTo().tell(search);
                        return Behaviors.same();
                    })
                    .onMessage(RecoverSearch.class, recover -> {
                        SearchPlatforms platforms = SearchDefinition.platformsOf(model);
                        recover.replyTo().tell(ctx.spawn(SearchActor.create(recover.searchId(), queue, platforms,
                                recover.snapshotEvery()), "search-" + recover.searchId().replaceAll("[^A-Za-z0-9_-]", "_")));
                        return Behaviors.same();
                    })
                    .build();
        });
    }
}
