package org.cim2pq.ops.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.cim2pq.actors.evaluation.EvaluationModel;
import org.cim2pq.actors.platform.CimPlatformModel;
import org.cim2pq.actors.search.SearchDefinition;
import org.cim2pq.engine.genome.IntGenome;
import org.cim2pq.engine.provenance.CodeVersion;
import org.cim2pq.engine.space.CimSearchSpace;
import org.cim2pq.ops.input.UserError;
import org.cim2pq.ops.search.ModelCatalog;
import org.cim2pq.ops.search.SearchRequest;
import org.cim2pq.ops.audit.ReadOnlyJournal;
import org.cim2pq.ops.setup.DataDir;
import org.cim2pq.ops.setup.JournalChoice;
import org.cim2pq.persistence.journal.JournalFile;
import org.cim2pq.persistence.event.SearchEvent;
import org.cim2pq.persistence.event.SearchEventCodec;
import org.cim2pq.persistence.proto.SearchStarted;
import org.cim2pq.sim.cim.array.ArrayTile;

/**
 * Renders one search's report from its journal (embedded or Cassandra, read only), folds the search's events,
 * rebuilds the recorded search space (to decode genomes into per-tile bits) and writes the plots and the page.
 */
public final class SearchReport {

    /** What was written and the search's status line. */
    public record Written(Path page, List<Path> plots, String status) {}

    private final Path dataDir;
    private final JournalChoice journalChoice;
    private final ModelCatalog catalog;
    private final PrintStream err;

    public SearchReport(Path dataDir, JournalChoice journalChoice, ModelCatalog catalog, PrintStream err) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.journalChoice = journalChoice;
        this.catalog = catalog;
        this.err = err;
    }

    public Written write(String id, Path out) throws IOException {
        ChartLook.headless();
        Path journalDir = new DataDir(dataDir).journal();
        if (!journalChoice.cassandra() && !Files.exists(journalDir.resolve(JournalFile.FILE))) {
            throw new UserError("no search '" + id + "' in " + journalDir + " (there is no journal; see cim2pq list)");
        }
        List<Object> events;
        boolean inUse;
        try (ReadOnlyJournal journal = new ReadOnlyJournal(new DataDir(dataDir), journalChoice)) {
            inUse = journal.runningSearchId().filter(id::equals).isPresent();
            journal.started(id);
            events = journal.events(id);
        }
        SearchHistory history = SearchHistory.fold(events);
        String status = status(history, inUse);
        Path dir = outDir(out);

        List<String> notes = new ArrayList<>();
        Map<String, String> plots = new LinkedHashMap<>();
        List<Path> files = new ArrayList<>(ParetoPlots.write(history, dir));
        for (int i = 0; i < ParetoPlots.VIEWS.size(); i++) {
            ParetoPlots.View v = ParetoPlots.VIEWS.get(i);
            plots.put(v.file(), v.title() + ": grey = every evaluated strategy, red = the "
                    + (history.completed() ? "final" : "current") + " front, blue diamonds = initial uniform strategies.");
        }
        files.add(HypervolumePlot.write(history, dir));
        plots.put(HypervolumePlot.FILE, "Hypervolume of the selected first front after each generation's selection.");
        Path sensitivity = SensitivityChart.write(history.started().getSpace(), id, dir);
        if (sensitivity != null) {
            files.add(sensitivity);
            plots.put(SensitivityChart.FILE, "Sensitivity of each tile, measured once before the search on the"
                    + " calibration images: the mean divergence of the network's outputs when that tile alone is lowered"
                    + " from 8 to 4 bits. The mutation moves less sensitive tiles towards fewer bits more often.");
        }
        Path heatmap = precisionMap(history, dir, notes);
        if (heatmap != null) {
            files.add(heatmap);
            plots.put(PrecisionHeatmap.FILE, "Bits per tile of each front strategy (rows, by ascending error): input,"
                    + " weight and partial-sum precision; black lines separate layers.");
        }
        Path page = ReportPage.write(history, status, journalChoice.describe(new DataDir(dataDir)),
                CodeVersion.current().toString(), plots, notes, dir);
        return new Written(page, files, status);
    }

    /** {@code running} only for the search the journal's writer is writing (see ReadOnlyJournal.runningSearchId). */
    static String status(SearchHistory h, boolean journalInUse) {
        int total = h.started().getGenerations();
        if (h.completed()) {
            return "completed after " + h.generation() + " generations";
        }
        if (journalInUse) {
            return "running (generation " + h.generation() + " of " + total + ")";
        }
        return "stopped at generation " + h.generation() + " of " + total + " (continue with: cim2pq resume --id "
                + h.started().getSearchId() + ")";
    }

    private static Path outDir(Path out) {
        Path dir = out.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new UserError("cannot write the report to " + dir + ": " + e.getClass().getSimpleName()
                    .replace("Exception", "") + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        }
        return dir;
    }

    /** The precision map needs the recorded search space; without it (data missing, space changed) it is skipped. */
    private Path precisionMap(SearchHistory history, Path dir, List<String> notes) throws IOException {
        if (history.front().isEmpty()) {
            notes.add("No precision map yet: no strategy has been evaluated.");
            return null;
        }
        SearchStarted started = history.started();
        SearchEvent.SearchStarted journaled = SearchEventCodec.start(started).orElseThrow();
        if (journaled.describesSpace()) { // format 2: the journal names every tile; no model needed
            CimSearchSpace space = journaled.space();
            List<String> layers = journaled.tiles().stream().map(SearchEvent.Tile::layer).toList();
            return PrecisionHeatmap.write(history, genome -> space.decode(IntGenome.decode(genome)), layers, dir);
        }
        EvaluationModel model;
        try {
            SearchRequest request = SearchRequest.fromJson(started.getSearchId(), started.getProvenance().getConfig());
            catalog.validate(request);
            model = catalog.open(request);
        } catch (RuntimeException e) {
            String why = "No precision map: cannot rebuild the search space (" + e.getMessage() + ").";
            notes.add(why);
            err.println("cim2pq report: " + why);
            return null;
        }
        CimSearchSpace space = model.space();
        if (!SearchDefinition.spaceFingerprint(space).equals(started.getSearchSpaceFingerprint())) {
            notes.add("No precision map: this cim2pq builds a different search space for " + model.name()
                    + " than the recorded one, so genomes cannot be decoded faithfully.");
            return null;
        }
        List<String> layers = model instanceof CimPlatformModel platform
                ? platform.tiling().tiles().stream().map(ArrayTile::layer).toList()
                : IntStream.range(0, space.tileCount()).mapToObj(t -> "layer " + space.layerOfTile(t)).toList();
        return PrecisionHeatmap.write(history, genome -> space.decode(IntGenome.decode(genome)), layers, dir);
    }
}
