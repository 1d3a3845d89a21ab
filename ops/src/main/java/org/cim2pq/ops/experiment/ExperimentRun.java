package org.cim2pq.ops.experiment;

import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.stream.javadsl.Sink;
import org.cim2pq.actors.evaluation.EvaluationModel;
import org.cim2pq.actors.platform.CimPlatformModel;
import org.cim2pq.engine.provenance.CodeVersion;
import org.cim2pq.ops.audit.ReadOnlyJournal;
import org.cim2pq.ops.input.UserError;
import org.cim2pq.ops.search.ModelCatalog;
import org.cim2pq.ops.search.SearchRequest;
import org.cim2pq.ops.search.SearchRun;
import org.cim2pq.ops.setup.DataDir;
import org.cim2pq.ops.setup.JournalChoice;
import org.cim2pq.persistence.event.SearchEvent;
import org.cim2pq.persistence.event.SearchEventCodec;
import org.cim2pq.persistence.event.SearchReadModel;
import org.cim2pq.persistence.journal.JournalFile;
import org.cim2pq.persistence.proto.PlatformConfiguration;

/**
 * Runs an experiment: checks every planned search against the journal before anything is written (an existing
 * search of another configuration is refused in one line), runs the searches the journal does not hold finished,
 * one after the other, each an ordinary {@link SearchRun} (so an interrupted one is continued by running the command
 * again, or by {@code resume}), then reads every run back from the journal, measures the FP network on the same
 * held-out images, and writes the results.
 */
public final class ExperimentRun {

    private final DataDir data;
    private final JournalChoice journal;
    private final ModelCatalog catalog;
    private final PrintStream out;
    private final PrintStream err;

    public ExperimentRun(DataDir data, JournalChoice journal, ModelCatalog catalog, PrintStream out, PrintStream err) {
        this.data = data;
        this.journal = journal;
        this.catalog = catalog;
        this.out = out;
        this.err = err;
    }

    /** Runs what is unfinished and writes the results; the exit code (130 when a search was stopped). */
    public int run(ExperimentPlan plan, int pipelines, int snapshotEvery, String command) throws Exception {
        for (ExperimentPlan.PlannedRun r : plan.runs()) {
            catalog.validate(r.request());
            if (!r.request().holdsOut()) {
                throw new UserError("--held-out none: the experiment judges fronts on held-out images (give a number"
                        + " of images or all)");
            }
        }
        Map<String, Boolean> finished = journaled(plan);
        long done = finished.values().stream().filter(b -> b).count();
        out.println(plan.describe());
        out.println("experiment " + plan.name() + ": " + done + " of " + plan.runs().size() + " searches finished in the"
                + " journal" + (done == plan.runs().size() ? "; reading them" : "; running the others"));
        int k = 0;
        for (ExperimentPlan.PlannedRun r : plan.runs()) {
            k++;
            if (Boolean.TRUE.equals(finished.get(r.id()))) {
                continue;
            }
            out.println("experiment " + plan.name() + ": search " + k + " of " + plan.runs().size() + ", " + r.id()
                    + " (" + r.variant().label() + ", seed " + r.seed() + ")");
            int code = new SearchRun(data, journal, catalog, out, err).run(r.request(), pipelines, snapshotEvery);
            if (code != 0) {
                err.println("experiment " + plan.name() + ": stopped at " + r.id() + "; run the same command again to"
                        + " continue (finished searches are read from the journal)");
                return code;
            }
        }
        List<RunRecord> records = new ArrayList<>();
        Map<String, Double> wall = new LinkedHashMap<>();
        SearchEvent.SearchStarted first = null;
        journal.awaitReleased(data); // also after SearchRun's own wait: without it, ExperimentCompareCommandTest read a half-closed copy
        try (ReadOnlyJournal read = new ReadOnlyJournal(data, journal)) {
            for (ExperimentPlan.PlannedRun r : plan.runs()) {
                List<EventEnvelope> envelopes = read.await(read.stream(r.id(), 0L).runWith(Sink.seq(), read.system()));
                SearchReadModel model = SearchReadModel.withHistory();
                for (EventEnvelope e : envelopes) {
                    if (SearchEventCodec.isEvent(e.event())) {
                        model.apply(SearchEventCodec.decode(e.event()));
                    }
                }
                if (!model.isFinished()) {
                    throw new UserError("search '" + r.id() + "' is not finished in " + journal.describe(data));
                }
                first = first == null ? model.started() : first;
                records.add(RunRecord.of(r.variant(), r.seed(), model));
                if (!envelopes.isEmpty()) {
                    wall.put(r.id(), (envelopes.get(envelopes.size() - 1).timestamp() - envelopes.get(0).timestamp())
                            / 1000.0);
                }
            }
        }
        int heldOut = records.get(0).front().get(0).heldOutImages();
        double fp = floatHeldOutTop1(plan.runs().get(0).request(), heldOut);
        ExperimentMetrics metrics = ExperimentMetrics.of(fp, records, plan.seeds());
        ExperimentResults.write(plan, metrics, provenance(plan, first, records, fp, heldOut, command), wall);
        ExperimentMetrics.VariantFigures base = metrics.variant(Variant.BASELINE);
        for (Variant v : Variant.values()) {
            ExperimentMetrics.VariantFigures f = metrics.variant(v);
            out.println(String.format(java.util.Locale.ROOT, "  %-34s TOPS/W within 1 pt %s (%s%% of baseline),"
                    + " top-1 at baseline's TOPS/W %s, hypervolume %s", v.label(),
                    ExperimentResults.fixed(f.topsWithin1().mean(), 3), ExperimentResults.fixed(f.topsPercentOf(base), 1),
                    ExperimentResults.fixed(f.accuracyAtBaselineTops().mean(), 2),
                    ExperimentResults.fixed(f.hypervolume().mean(), 4)));
        }
        out.println("results: " + plan.out().resolve(ExperimentResults.RESULTS_MD));
        return 0;
    }

    /** Search id to whether the journal holds it finished; a UserError when one exists with another configuration. */
    private Map<String, Boolean> journaled(ExperimentPlan plan) {
        Map<String, Boolean> finished = new LinkedHashMap<>();
        if (!journal.cassandra() && !Files.exists(new JournalFile(data.journal()).file())) {
            return finished;
        }
        try (ReadOnlyJournal read = new ReadOnlyJournal(data, journal)) {
            java.util.Set<String> ids = new java.util.HashSet<>(read.searchIds());
            for (ExperimentPlan.PlannedRun r : plan.runs()) {
                if (!ids.contains(r.id())) {
                    continue;
                }
                SearchEvent.SearchStarted started = read.started(r.id());
                String recorded = started.provenance().getConfig();
                if (!recorded.equals(r.request().toJson())) {
                    throw new UserError("search '" + r.id() + "' of this experiment exists with another configuration ("
                            + recorded + "); give the experiment another --out (its folder's name names its searches)");
                }
                SearchReadModel model = SearchReadModel.bounded();
                read.events(r.id()).stream().filter(SearchEventCodec::isEvent)
                        .forEach(e -> model.apply(SearchEventCodec.decode(e)));
                finished.put(r.id(), model.isFinished());
            }
        }
        return finished;
    }

    /** The FP network's top-1 accuracy (%) on the {@code images} held-out images the runs were judged on. */
    private double floatHeldOutTop1(SearchRequest request, int images) {
        try (EvaluationModel model = catalog.open(request)) {
            if (!(model instanceof CimPlatformModel platform)) {
                throw new UserError("the experiment measures FP accuracy on the CIM platform's held-out images; "
                        + model.name() + " is not on it");
            }
            return 100.0 * platform.floatHeldOutCorrect(images) / images;
        }
    }

    private static ExperimentResults.Provenance provenance(ExperimentPlan plan, SearchEvent.SearchStarted first,
            List<RunRecord> records, double fp, int heldOut, String command) {
        SearchRequest r = plan.runs().get(0).request();
        PlatformConfiguration p = first.platform();
        Map<String, String> m = new LinkedHashMap<>();
        m.put("command", "`" + command + "`");
        m.put("results written by", CodeVersion.current().toString());
        m.put("searches run by", String.join("; ", new java.util.TreeSet<>(records.stream()
                .map(RunRecord::codeVersion).toList())));
        m.put("model", r.model() + (r.weights() != null ? " (weights " + r.weights() + ")" : " (shipped weights)")
                + ", fingerprint " + first.provenance().getModelFingerprint());
        m.put("data", r.dataset() + (r.datasetDir() != null ? " from " + r.datasetDir() : "") + ", fingerprint "
                + first.provenance().getDataFingerprint());
        m.put("machine", r.fidelity() + ", preset " + r.preset() + ", noise " + r.noise()
                + (p != null ? ", arrays " + p.getArrayRows() + "x" + p.getArrayColumns() + ", " + p.getCellBits()
                + "-bit cells, " + p.getWeightEncoding() + " weights, CIM model revision " + p.getCimModelRevision() : ""));
        m.put("seeds", "1.." + plan.seeds());
        m.put("budget", plan.budget() + " asked, " + plan.evaluations() + " per run (population " + plan.population()
                + ", " + plan.generations() + " generations after the initial one)");
        m.put("images", r.evalImages() + " search-subset test images, " + heldOut + " held-out test images, "
                + r.calibrationImages() + " calibration (training) images, subset seed " + CimPlatformModel.SUBSET_SEED);
        m.put("FP accuracy", ExperimentResults.fixed(fp, 2) + "% on the " + heldOut + " held-out images");
        m.put("search configuration (baseline, seed 1)", "`" + plan.runs().stream()
                .filter(x -> x.variant() == Variant.BASELINE && x.seed() == 1).findFirst().orElseThrow()
                .request().toJson() + "`");
        m.put("search method revision", String.valueOf(first.methodRevision()));
        m.put("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        m.put("load average when written", load >= 0 ? String.format(java.util.Locale.ROOT, "%.1f", load) : "unknown");
        m.put("written at", java.time.Instant.now().toString());
        return new ExperimentResults.Provenance(m);
    }
}
