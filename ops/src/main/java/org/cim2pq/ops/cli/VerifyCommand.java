package org.cim2pq.ops.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.cim2pq.actors.evaluation.EvaluationModel;
import org.cim2pq.actors.evaluation.EvaluationOutcome;
import org.cim2pq.actors.evaluation.TileGroupSimulation;
import org.cim2pq.actors.search.JournalVerifier;
import org.cim2pq.actors.search.SearchDefinition;
import org.cim2pq.engine.genome.IntGenome;
import org.cim2pq.ops.audit.ReadOnlyJournal;
import org.cim2pq.ops.input.UserError;
import org.cim2pq.ops.search.PlatformModels;
import org.cim2pq.ops.search.SearchRequest;
import org.cim2pq.persistence.proto.SearchStarted;
import org.cim2pq.persistence.proto.StrategyEvaluated;
import org.cim2pq.persistence.query.Genomes;
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
        List<Object> events;
        SearchStarted started;
        try (ReadOnlyJournal journal = read.open()) {
            started = journal.started(id);
            events = journal.events(id);
        }
        SearchRequest request;
        try {
            request = SearchRequest.fromJson(id, started.getProvenance().getConfig());
        } catch (RuntimeException e) {
            throw new UserError("search '" + id + "' records a configuration this version cannot read: " + e.getMessage(), e);
        }
        PlatformModels catalog = new PlatformModels();
        catalog.validate(request);
        EvaluationModel model = catalog.open(request);
        SearchDefinition definition = new SearchDefinition(id, model, request.settings(org.cim2pq.actors.search.SearchSettings.DEFAULT_SNAPSHOT_EVERY), request.toJson());
        JournalVerifier.Verdict verdict = new JournalVerifier(definition).verify(events);
        if (!verdict.ok()) {
            System.out.println("verify " + id + ": DIVERGED at " + verdict.divergence());
            return Cim2pq.EXIT_FAILURE;
        }
        System.out.printf(Locale.ROOT, "verify %s: OK, %d events: %d decisions re-derived and equal, %d results in place%n",
                id, verdict.events(), verdict.decisions(), verdict.results());
        return reevaluate == 0 ? 0 : reevaluate(events, model);
    }

    /** Re-evaluates an evenly spaced sample of evaluated strategies and compares objectives exactly. */
    private int reevaluate(List<Object> events, EvaluationModel model) {
        java.util.Map<String, String> genomes = Genomes.of(events);
        List<StrategyEvaluated> evaluated = new ArrayList<>();
        for (Object e : events) {
            if (e instanceof StrategyEvaluated r && r.getAttempt() > 0) {
                evaluated.add(r); // attempt 0: a copy of an equal genome's result, not an evaluation
            }
        }
        int n = Math.min(reevaluate, evaluated.size());
        List<TileGroupSimulation> groups = model.newTileGroups();
        int mismatches = 0;
        for (int k = 0; k < n; k++) {
            StrategyEvaluated recorded = evaluated.get((int) ((long) k * evaluated.size() / n));
            double[] again = evaluate(groups, IntGenome.decode(genomes.get(recorded.getStrategyId())));
            double[] before = recorded.getObjectivesList().stream().mapToDouble(Double::doubleValue).toArray();
            boolean same = java.util.Arrays.equals(again, before);
            mismatches += same ? 0 : 1;
            System.out.printf(Locale.ROOT, "reevaluate %s: %s%s%n", recorded.getStrategyId(), same ? "same objectives"
                    : "DIFFERENT: recorded " + java.util.Arrays.toString(before) + ", now ",
                    same ? "" : java.util.Arrays.toString(again));
        }
        System.out.printf(Locale.ROOT, "verify %s: re-evaluated %d strategies, %d differ%n", id, n, mismatches);
        return mismatches == 0 ? 0 : Cim2pq.EXIT_FAILURE;
    }

    private static double[] evaluate(List<TileGroupSimulation> groups, IntGenome genome) {
        Object carry = null;
        try {
            for (TileGroupSimulation g : groups) {
                carry = g.run(genome, carry);
            }
        } catch (Exception e) {
            throw new UserError("re-evaluation failed: " + e.getMessage(), e);
        }
        return ((EvaluationOutcome) carry).objectives();
    }
}
