package org.cim2pq.actors.search;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.pekko.actor.typed.ActorRef;
import org.cim2pq.actors.evaluation.AnalyticModel;
import org.cim2pq.actors.evaluation.EvaluationPipeline;
import org.cim2pq.actors.evaluation.EvaluationQueue;

/**
 * The search process that {@link CrashResumeTest} kills with SIGKILL: runs (or resumes) one search on an H2
 * journal and prints the SearchActor's step log on stdout, which the test watches for its kill points.
 * Arguments: journal dir, search id.
 */
public final class CrashResumeChild {

    public static void main(String[] args) throws Exception {
        try (LocalSearchHarness h = new LocalSearchHarness(Path.of(args[0]), CrashResumeTest.model(), 2,
                new EvaluationQueue.Settings(3, Duration.ofSeconds(30)), EvaluationPipeline.Settings.DEFAULT)) {
            ActorRef<SearchActor.Command> search = h.start(CrashResumeTest.definition(args[1]));
            SearchActor.Progress done = h.awaitCompletion(search, Duration.ofMinutes(5));
            System.out.println("child: done " + done.completed());
        }
        System.exit(0);
    }
}
