package org.cim2pq.ops.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.cim2pq.actors.evaluation.EvaluationModel;
import org.cim2pq.actors.evaluation.TileGroupSimulation;
import org.cim2pq.actors.search.JournalVerifier;
import org.cim2pq.actors.search.SearchDefinition;
import org.cim2pq.engine.genome.IntGenome;
import org.cim2pq.ops.audit.ReadOnlyJournal;
import org.cim2pq.ops.input.UserError;
import org.cim2pq.ops.search.PlatformModels;
import org.cim2pq.ops.search.SearchRequest;
import org.cim2pq.persistence.event.SearchEvent;
import org.cim2pq.persistence.event.SearchEventCodec;
import org.cim2pq.persistence.event.SearchReadModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cim2pq verify}: replays a search's journal and re-derives every recorded decision from the seed and the
 * recorded results; optionally re-evaluates a sample of strategies. Exit 0 when everything agrees, 1 at the first
 * divergence (named: event, expected, recorded).
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Re-derive every recorded decision from the seed and recorded inputs; report the first divergence.")
final class VerifyCommand implements Callable<Integer> {

    @Option(names = "--id", required = true, paramLabel = "ID", description = "The search.")
    String id;

    @Option(names = "--reevaluate", paramLabel = "N", description = "Also re-evaluate N recorded strategies (default: ${DEFAULT-VALUE}).")
    int reevaluate;

    @Mixin
    ReadOptions read;

    @Override
    public Integer call() {
        if (reevaluate < 0) {
            throw new UserError("--reevaluate must be >= 0, got " + reevaluate);
        }
        List<Object> stored;
        try (ReadOnlyJournal journal = read.open()) {
            journal.started(id);
            stored = journal.events(id);
        }
        List<SearchEvent> events = stored.stream().map(SearchEventCodec::decode).toList();
        SearchEvent.SearchStarted started = SearchEventCodec.start(stored.get(0)).orElseThrow();
        // Format 2 journals describe their space: the decisions are re-derived from the journal alone.
        EvaluationModel model = started.describesSpace() ? null : model(started);
        JournalVerifier verifier = model == null ? new JournalVerifier(started.space())
                : new JournalVerifier(new SearchDefinition(id, model, request(started)
                        .settings(org.cim2pq.actors.search.SearchSettings.DEFAULT_SNAPSHOT_EVERY)
                        .withMethod(started.method()), request(started).toJson(), request(started).reevaluations(model)));
        JournalVerifier.Verdict verdict = verifier.verify(events);
        if (!verdict.ok()) {
            System.out.println("verify " + id + ": DIVERGED at " + verdict.divergence());
            return Cim2pq.EXIT_FAILURE;
        }
        System.out.printf(Locale.ROOT, "verify %s: OK, %d events: %d decisions re-derived and equal, %d results in place%n",
                id, verdict.events(), verdict.decisions(), verdict.results());
        return reevaluate == 0 ? 0 : reevaluate(SearchReadModel.of(events), model != null ? model : model(started));
    }

    private SearchRequest request(SearchEvent.SearchStarted started) {
        try {
            return SearchRequest.fromJson(id, started.provenance().getConfig());
        } catch (RuntimeException e) {
            throw new UserError("search '" + id + "' records a configuration this version cannot read: " + e.getMessage(), e);
        }
    }

    private EvaluationModel model(SearchEvent.SearchStarted started) {
        SearchRequest request = request(started);
        PlatformModels catalog = new PlatformModels();
        catalog.validate(request);
        return catalog.open(request);
    }

    /** Re-evaluates an evenly spaced sample of evaluated strategies (copies are not evaluations) and compares exactly. */
    private int reevaluate(SearchReadModel journaled, EvaluationModel model) {
        List<SearchReadModel.StrategyRecord> evaluated = new ArrayList<>();
        for (SearchReadModel.StrategyRecord s : journaled.strategies().values()) {
            if (s.result() != null && !s.result().isCopy()) {
                evaluated.add(s);
            }
        }
        int n = Math.min(reevaluate, evaluated.size());
        List<TileGroupSimulation> groups = model.newTileGroups();
        int mismatches = 0;
        for (int k = 0; k < n; k++) {
            SearchReadModel.StrategyRecord recorded = evaluated.get((int) ((long) k * evaluated.size() / n));
            double[] again = evaluate(groups, recorded.genome());
            double[] before = recorded.result().objectives().values();
            boolean same = java.util.Arrays.equals(again, before);
            mismatches += same ? 0 : 1;
            System.out.printf(Locale.ROOT, "reevaluate %s: %s%s%n", recorded.id(), same ? "same objectives"
                    : "DIFFERENT: recorded " + java.util.Arrays.toString(before) + ", now ",
                    same ? "" : java.util.Arrays.toString(again));
        }
        System.out.printf(Locale.ROOT, "verify %s: re-evaluated %d strategies, %d differ%n", id, n, mismatches);
        // The front's re-evaluations (e.g. re-scored on bitserial) are results too: each re-evaluated the same way.
        List<org.cim2pq.persistence.event.SearchEvent.StrategyReevaluated> rescored = journaled.reevaluations();
        int m = Math.min(reevaluate, rescored.size());
        int rescoredMismatches = 0;
        for (int k = 0; k < m; k++) {
            var recorded = rescored.get((int) ((long) k * rescored.size() / m));
            org.cim2pq.actors.evaluation.Reevaluation result;
            try {
                result = model.reevaluate(recorded.protocol(), journaled.strategies().get(recorded.id()).genome());
            } catch (RuntimeException e) {
                throw new UserError("re-evaluation on " + recorded.protocol().machine() + " failed: " + e.getMessage(), e);
            }
            // Objectives and, on held-out images, the counts the interval is computed from.
            double[] again = java.util.Arrays.copyOf(result.objectives(), result.objectives().length + 2);
            again[again.length - 2] = result.top1Correct();
            again[again.length - 1] = result.top1Classified();
            double[] before = java.util.Arrays.copyOf(recorded.objectives().values(), recorded.objectives().size() + 2);
            before[before.length - 2] = recorded.top1Correct();
            before[before.length - 1] = recorded.top1Classified();
            boolean same = java.util.Arrays.equals(again, before);
            rescoredMismatches += same ? 0 : 1;
            System.out.printf(Locale.ROOT, "reevaluate %s on %s: %s%s%n", recorded.id(), recorded.protocol().label(
                    journaled.started().machine()),
                    same ? "same objectives" : "DIFFERENT: recorded " + java.util.Arrays.toString(before) + ", now ",
                    same ? "" : java.util.Arrays.toString(again));
        }
        if (m > 0) {
            System.out.printf(Locale.ROOT, "verify %s: re-evaluated %d front re-evaluations, %d differ%n", id, m,
                    rescoredMismatches);
        }
        return mismatches + rescoredMismatches == 0 ? 0 : Cim2pq.EXIT_FAILURE;
    }

    private static double[] evaluate(List<TileGroupSimulation> groups, IntGenome genome) {
        try {
            return TileGroupSimulation.evaluate(groups, genome).objectives();
        } catch (Exception e) {
            throw new UserError("re-evaluation failed: " + e.getMessage(), e);
        }
    }
}
