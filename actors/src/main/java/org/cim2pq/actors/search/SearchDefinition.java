package org.cim2pq.actors.search;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.cim2pq.actors.evaluation.EvaluationModel;
import org.cim2pq.engine.provenance.CodeVersion;
import org.cim2pq.engine.space.CimSearchSpace;
import org.cim2pq.engine.space.PrecisionKind;
import org.cim2pq.persistence.proto.Provenance;
import org.cim2pq.persistence.proto.SearchStarted;

/**
 * One search: its id, what it searches (the model and its space) and how (the settings). {@link #started} is the
 * first event it journals; {@link #mismatch} says whether a journaled search was started with the same definition,
 * so a search is never continued with another configuration.
 */
public record SearchDefinition(String searchId, EvaluationModel model, SearchSettings settings, String config) {

    /** Journal format written by this code; a journal of another format is refused (see persistence schema). */
    public static final int FORMAT_VERSION = 1;

    public String persistenceId() {
        return "search|" + searchId;
    }

    public SearchStarted started(long nowEpochMs) {
        CimSearchSpace space = model.space();
        return SearchStarted.newBuilder().setSearchId(searchId).setFormatVersion(FORMAT_VERSION)
                .setProvenance(Provenance.newBuilder().setModel(model.name()).setModelFingerprint(model.fingerprint())
                        .setDataset(model.dataset()).setDataFingerprint(model.dataFingerprint())
                        .setSeed(settings.seed()).setConfig(config).setCodeVersion(CodeVersion.current().toString()))
                .setSearchSpaceFingerprint(spaceFingerprint(space)).setUnits(space.unitCount())
                .setGenes(space.geneCount()).setStartedAtEpochMs(nowEpochMs).addAllObjectives(model.objectives())
                .setPopulation(settings.population()).setGenerations(settings.generations())
                .setSelection(settings.selection()).setQuota(settings.quota())
                .setAccuracyTolerance(settings.accuracyTolerance())
                .setGranularity(space.granularity().name().toLowerCase(java.util.Locale.ROOT)).build();
    }

    /** Why a journaled start does not match this definition, or null when it does. */
    public String mismatch(SearchStarted journaled) {
        if (journaled.getFormatVersion() != FORMAT_VERSION) {
            return "journal format " + journaled.getFormatVersion() + " (this cim2pq reads format " + FORMAT_VERSION + ")";
        }
        SearchStarted mine = started(journaled.getStartedAtEpochMs());
        if (!journaled.getProvenance().getModel().equals(mine.getProvenance().getModel())
                || !journaled.getProvenance().getModelFingerprint().equals(mine.getProvenance().getModelFingerprint())) {
            return "model " + journaled.getProvenance().getModel() + " (" + journaled.getProvenance().getModelFingerprint()
                    + ") was journaled, not " + mine.getProvenance().getModel() + " (" + mine.getProvenance().getModelFingerprint() + ")";
        }
        if (!journaled.getProvenance().getDataFingerprint().equals(mine.getProvenance().getDataFingerprint())) {
            return "dataset subsets differ from the journaled ones";
        }
        if (!journaled.getSearchSpaceFingerprint().equals(mine.getSearchSpaceFingerprint())) {
            return "search space (tiles, granularity or candidate bits) differs from the journaled one";
        }
        SearchStarted a = journaled.toBuilder().clearStartedAtEpochMs().clearProvenance().build();
        SearchStarted b = mine.toBuilder().clearStartedAtEpochMs().clearProvenance().build();
        if (!a.equals(b) || journaled.getProvenance().getSeed() != mine.getProvenance().getSeed()) {
            return "settings differ from the journaled ones (seed " + journaled.getProvenance().getSeed()
                    + ", population " + journaled.getPopulation() + ", generations " + journaled.getGenerations()
                    + ", selection " + journaled.getSelection() + ")";
        }
        return null;
    }

    /** SHA-256 over everything that defines the space: tiles' layers, granularity, candidates, pins, sensitivity. */
    public static String spaceFingerprint(CimSearchSpace space) {
        StringBuilder s = new StringBuilder();
        s.append(space.granularity()).append(';').append(space.tileCount()).append(';');
        for (int t = 0; t < space.tileCount(); t++) {
            s.append(space.layerOfTile(t)).append(',');
        }
        for (PrecisionKind kind : PrecisionKind.values()) {
            s.append(';').append(kind).append(space.candidates(kind).bits());
        }
        s.append(";uniform8=").append(space.uniform(8).encode()); // pinned units show their pins here
        for (int u = 0; u < space.unitCount(); u++) {
            s.append(';').append(space.isPinned(u)).append(':').append(space.sensitivity(u));
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.toString().getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
