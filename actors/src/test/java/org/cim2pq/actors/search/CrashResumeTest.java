package org.cim2pq.actors.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.pekko.actor.typed.ActorRef;
import org.cim2pq.actors.evaluation.AnalyticModel;
import org.cim2pq.actors.evaluation.EvaluationPipeline;
import org.cim2pq.actors.evaluation.EvaluationQueue;
import org.cim2pq.persistence.proto.CrossoverApplied;
import org.cim2pq.persistence.proto.EvaluationFailed;
import org.cim2pq.persistence.proto.GenerationStarted;
import org.cim2pq.persistence.proto.MutationApplied;
import org.cim2pq.persistence.proto.PopulationInitialized;
import org.cim2pq.persistence.proto.SearchCompleted;
import org.cim2pq.persistence.proto.SelectionApplied;
import org.cim2pq.persistence.proto.StrategyEvaluated;
import org.cim2pq.persistence.query.FrontCsv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exact crash-resume: a search run in a child JVM that is killed with SIGKILL at five points (during breeding,
 * mid-evaluation, right after a persist, during selection, during a snapshot) and resumed after each kill ends
 * with the same front and the same ordered decisions as an uninterrupted run, with every strategy's
 * evaluation recorded exactly once.
 */
class CrashResumeTest {

    static AnalyticModel model() {
        return new AnalyticModel(new int[] {2, 3, 2}, 4);
    }

    static SearchDefinition definition(String id) {
        return new SearchDefinition(id, model(), SearchSettings.of(11, 16, 6).withSnapshotEvery(10), "{}");
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void searchKilledAtFivePointsAndResumedEqualsUninterruptedRun(@TempDir Path tmp) throws Exception {
        List<Object> uninterrupted;
        try (LocalSearchHarness h = new LocalSearchHarness(tmp.resolve("reference"), model(), 2,
                EvaluationQueue.Settings.DEFAULT, EvaluationPipeline.Settings.DEFAULT)) {
            ActorRef<SearchActor.Command> search = h.start(definition("s"));
            assertTrue(h.awaitCompletion(search, Duration.ofMinutes(2)).completed());
            uninterrupted = h.events("s");
        }

        Path crashed = tmp.resolve("crashed");
        List<Predicate<String>> killPoints = List.of(
                line -> line.startsWith("step persisting GenerationStarted g=1"),       // during breeding
                nth(line -> line.startsWith("step persisted StrategyEvaluated g2-"), 3), // mid-evaluation
                line -> line.startsWith("step persisted "),                               // right after a persist
                line -> line.startsWith("step persisting SelectionApplied g=4"),        // during selection
                line -> line.startsWith("step snapshot of generation 5"));                // during a snapshot
        for (Predicate<String> killPoint : killPoints) {
            runChild(crashed, killPoint);
        }
        runChild(crashed, null);

        List<Object> resumed;
        try (LocalSearchHarness h = new LocalSearchHarness(crashed, model(), 1, EvaluationQueue.Settings.DEFAULT,
                EvaluationPipeline.Settings.DEFAULT)) {
            resumed = h.events("s");
        }
        assertEquals(decisions(uninterrupted), decisions(resumed));
        String front = FrontCsv.render(resumed, g -> PrecisionColumn.render(model().space(), g));
        assertNotNull(front);
        assertEquals(FrontCsv.render(uninterrupted, g -> PrecisionColumn.render(model().space(), g)), front);
        assertEachBirthResolvedOnce(resumed);
    }

    /** Starts the child; kills it with SIGKILL at the first stdout line matching killPoint (null: let it finish). */
    private static void runChild(Path journal, Predicate<String> killPoint) throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dlogback.configurationFile=crash-child-logback.xml",
                CrashResumeChild.class.getName(), journal.toString(), "s")
                .redirectErrorStream(true).start();
        List<String> seen = new ArrayList<>();
        boolean killed = false;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                seen.add(line);
                if (killPoint != null && killPoint.test(line)) {
                    child.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, nothing graceful
                    killed = true;
                    break;
                }
            }
        }
        child.waitFor(60, TimeUnit.SECONDS);
        if (killPoint != null && !killed) {
            fail("the kill point was never reached; the child printed:\n" + String.join("\n", tail(seen)));
        }
        if (killPoint == null) {
            assertEquals(0, child.exitValue(), String.join("\n", tail(seen)));
            assertTrue(seen.contains("child: done true"), String.join("\n", tail(seen)));
        }
    }

    /** The ordered decisions and results of a journal, without wall-clock or evaluator details. */
    private static List<String> decisions(List<Object> events) {
        List<String> out = new ArrayList<>();
        Map<String, String> resultById = new HashMap<>();
        for (Object e : events) {
            if (e instanceof PopulationInitialized p) {
                p.getStrategiesList().forEach(b -> out.add("born " + b.getStrategyId() + " " + b.getGenome()));
            } else if (e instanceof GenerationStarted g) {
                out.add("generation " + g.getGeneration() + " " + g.getMutation());
            } else if (e instanceof CrossoverApplied c) {
                out.add("crossover " + c.getChildId() + " " + c.getFirstParent() + "+" + c.getSecondParent() + " " + c.getMask());
            } else if (e instanceof MutationApplied m) {
                out.add("mutation " + m.getChildId() + " " + m.getSitesList() + " " + m.getGenome());
            } else if (e instanceof SelectionApplied s) {
                out.add("selection " + s.getGeneration() + " " + s.getSurvivorsList() + " " + s.getFatesList()
                        + " " + s.getHypervolume());
            } else if (e instanceof SearchCompleted c) {
                out.add("completed " + c.getFrontList() + " " + c.getHypervolume());
            } else if (e instanceof StrategyEvaluated r) {
                resultById.put(r.getStrategyId(), r.getObjectivesList().toString());
            }
        }
        resultById.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(r -> out.add("result " + r.getKey() + " " + r.getValue()));
        return out;
    }

    private static void assertEachBirthResolvedOnce(List<Object> events) {
        Map<String, Integer> births = new HashMap<>();
        for (Object e : events) {
            if (e instanceof PopulationInitialized p) {
                p.getStrategiesList().forEach(b -> births.put(b.getStrategyId(), 0));
            } else if (e instanceof MutationApplied m) {
                births.put(m.getChildId(), 0);
            }
        }
        for (Object e : events) {
            String id = e instanceof StrategyEvaluated r ? r.getStrategyId()
                    : e instanceof EvaluationFailed f ? f.getStrategyId() : null;
            if (id != null) {
                births.merge(id, 1, Integer::sum);
            }
        }
        births.forEach((id, n) -> assertEquals(1, n, "results recorded for " + id));
        assertEquals(16 + 6 * 16, births.size());
    }

    private static Predicate<String> nth(Predicate<String> p, int n) {
        int[] count = {0};
        return line -> p.test(line) && ++count[0] == n;
    }

    private static List<String> tail(List<String> lines) {
        return lines.subList(Math.max(0, lines.size() - 30), lines.size());
    }
}
