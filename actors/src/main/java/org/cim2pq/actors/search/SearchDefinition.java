package org.cim2pq.actors.search;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.cim2pq.actors.evaluation.EvaluationModel;
import org.cim2pq.engine.provenance.CodeVersion;
import org.cim2pq.engine.search.GenerationalStep;
import org.cim2pq.engine.search.StepDecision;
import org.cim2pq.engine.space.CimSearchSpace;
import org.cim2pq.engine.space.PrecisionKind;
import org.cim2pq.persistence.event.SearchEvent;
import org.cim2pq.persistence.event.DecisionEvents;
import org.cim2pq.persistence.event.SearchEventCodec;
import org.cim2pq.persistence.event.SearchReadModel;
import org.cim2pq.persistence.proto.PlatformConfiguration;
import org.cim2pq.persistence.proto.Provenance;
import org.cim2pq.sim.cim.CimModelRevision;

/**
 * One search: its id, what it searches (the model and its space) and how (the settings). {@link #started} is the
 * first event it journals (describing the space and the platform, so the journal alone says what was searched);
 * {@link #mismatch} says whether a journaled search was started with the same definition, so a search is never
 * continued with another configuration; {@link #step} is the generational step it runs. {@code reevaluations} are
 * the protocols the completed front is evaluated again under (e.g. re-scored on {@code bitserial} for a psum search
 * that stands in for it, or on the held-out images), recorded in the start. {@code space} is the model's space,
 * or that space with the per-tile sensitivity measured for this search ({@link #withSensitivity}): what the search
 * breeds in and its start journals.
 */
public record SearchDefinition(String searchId, EvaluationModel model, SearchSettings settings, String config,
                               List<SearchEvent.EvaluationProtocol> reevaluations, CimSearchSpace space) {

    public SearchDefinition {
        reevaluations = List.copyOf(reevaluations);
        if (!reevaluations.isEmpty() && model.platform() == null) {
            throw new IllegalArgumentException(model.name() + " records no platform to re-evaluate on");
        }
        java.util.Objects.requireNonNull(space, "space");
        if (space.tileCount() != model.space().tileCount() || space.granularity() != model.space().granularity()) {
            throw new IllegalArgumentException("the space of a search is its model's");
        }
    }

    /** A search in its model's space, as the model built it. */
    public SearchDefinition(String searchId, EvaluationModel model, SearchSettings settings, String config,
                            List<SearchEvent.EvaluationProtocol> reevaluations) {
        this(searchId, model, settings, config, reevaluations, model.space());
    }

    /**
     * This search in its model's space biased by {@code perTile} (METHOD.md section 4: measured once per search, then
     * read back from its start); null: unbiased.
     */
    public SearchDefinition withSensitivity(double[] perTile) {
        return new SearchDefinition(searchId, model, settings, config, reevaluations,
                model.space().withSensitivity(perTile));
    }

    /**
     * This search with the sensitivity its journaled start recorded (none when it recorded none, or describes no
     * space): how a resumed search, a worker and {@code verify} rebuild the space it was started in without
     * measuring it again.
     */
    public SearchDefinition withSensitivityOf(SearchEvent.SearchStarted journaled) {
        return withSensitivity(journaled.describesSpace() ? journaled.space().tileSensitivity() : null);
    }

    /** A search whose front is not re-evaluated. */
    public SearchDefinition(String searchId, EvaluationModel model, SearchSettings settings, String config) {
        this(searchId, model, settings, config, List.of());
    }

    public String persistenceId() {
        return "search|" + searchId;
    }

    /** The generational step of this search (its method's reference points for the model's objectives). */
    public GenerationalStep step() {
        return step(space, settings, model.objectives().size());
    }

    /** The generational step of a search with this space and these settings. */
    public static GenerationalStep step(CimSearchSpace space, SearchSettings settings, int objectives) {
        return stepSettings(space, settings).optObjectives(objectives).build();
    }

    /**
     * The step's settings of a search with this space and these settings, M not yet given: the one source of them,
     * also for the in-memory loop ({@code CimSearch}) a test compares the actor with.
     */
    public static GenerationalStep.Builder stepSettings(CimSearchSpace space, SearchSettings settings) {
        return GenerationalStep.builder().setSpace(space).optMethod(settings.method())
                .setPopulationSize(settings.population()).setGenerations(settings.generations())
                .optSeed(settings.seed()).optQuota(settings.quotaPolicy());
    }

    public SearchEvent.SearchStarted started(long nowEpochMs) {
        Provenance provenance = Provenance.newBuilder().setModel(model.name()).setModelFingerprint(model.fingerprint())
                .setDataset(model.dataset()).setDataFingerprint(model.dataFingerprint()).setSeed(settings.seed())
                .setConfig(config).setCodeVersion(CodeVersion.current().toString()).build();
        return new SearchEvent.SearchStarted(searchId, SearchEventCodec.FORMAT_VERSION, provenance,
                spaceFingerprint(space), space.unitCount(), space.geneCount(), nowEpochMs, model.objectives(),
                settings.population(), settings.generations(), settings.selection(), settings.quota(),
                settings.accuracyTolerance(), space.granularity().name().toLowerCase(Locale.ROOT), space,
                model.tiles(), model.platform(), settings.method().revision(), reevaluations);
    }

    /**
     * The platforms this definition's model serves: its space, for a journal that does not record it, and the model
     * that re-evaluates the front.
     */
    public SearchPlatforms platforms() {
        return platformsOf(model);
    }

    /** The platforms {@code model} serves (a node's model): its space and itself as the front's re-evaluator. */
    public static SearchPlatforms platformsOf(EvaluationModel model) {
        return new SearchPlatforms() {
            @Override
            public CimSearchSpace spaceOf(SearchEvent.SearchStarted started) {
                if (!started.spaceFingerprint().equals(spaceFingerprint(model.space()))) {
                    throw new IllegalStateException("search " + started.searchId()
                            + " was journaled with a space this model does not have");
                }
                return model.space();
            }

            @Override
            public EvaluationModel modelOf(SearchEvent.SearchStarted started) {
                return model;
            }
        };
    }

    /** Why a journaled start does not match this definition, or null when it does. */
    public String mismatch(SearchEvent.SearchStarted journaled) {
        return mismatch(started(journaled.startedAtEpochMs()), journaled);
    }

    /** Why a journaled start does not match the requested one, or null when it does. */
    public static String mismatch(SearchEvent.SearchStarted mine, SearchEvent.SearchStarted journaled) {
        String format = unreadableFormat(journaled);
        if (format != null) {
            return format;
        }
        Provenance was = journaled.provenance();
        Provenance now = mine.provenance();
        if (!was.getModel().equals(now.getModel()) || !was.getModelFingerprint().equals(now.getModelFingerprint())) {
            return "model " + was.getModel() + " (" + was.getModelFingerprint() + ") was journaled, not "
                    + now.getModel() + " (" + now.getModelFingerprint() + ")";
        }
        if (!was.getDataFingerprint().equals(now.getDataFingerprint())) {
            return "dataset subsets differ from the journaled ones";
        }
        if (!journaled.spaceFingerprint().equals(mine.spaceFingerprint())) {
            return "search space (tiles, granularity or candidate bits) differs from the journaled one";
        }
        if (journaled.platform() != null && !sameMachine(journaled.platform(), mine.platform())) {
            return "platform differs from the journaled one (journaled: "
                    + journaled.platform().toString().replace('\n', ' ').strip() + ")";
        }
        if (journaled.method() != mine.method()) {
            return "the search runs method revision " + journaled.method().revision() + " (journaled), not "
                    + mine.method().revision() + "; continue it with its journaled settings (resume)";
        }
        boolean same = journaled.searchId().equals(mine.searchId()) && was.getSeed() == now.getSeed()
                && journaled.population() == mine.population() && journaled.generations() == mine.generations()
                && journaled.selection().equals(mine.selection()) && journaled.quota() == mine.quota()
                && journaled.accuracyTolerance() == mine.accuracyTolerance()
                && journaled.granularity().equals(mine.granularity()) && journaled.units() == mine.units()
                && journaled.genes() == mine.genes() && journaled.objectives().equals(mine.objectives())
                && journaled.reevaluations().equals(mine.reevaluations());
        if (!same) {
            return "settings differ from the journaled ones (seed " + was.getSeed() + ", population "
                    + journaled.population() + ", generations " + journaled.generations() + ", selection "
                    + journaled.selection() + ", re-evaluations " + journaled.reevaluations().size() + ")";
        }
        return null;
    }

    /**
     * Whether two platforms are one machine: equal, up to a model revision that evaluates the journaled
     * configuration exactly as the journaled revision did ({@link CimModelRevision#reproduces}).
     */
    private static boolean sameMachine(PlatformConfiguration journaled, PlatformConfiguration mine) {
        if (journaled.getCimModelRevision() != mine.getCimModelRevision()
                && CimModelRevision.reproduces(journaled.getCimModelRevision())) {
            journaled = journaled.toBuilder().setCimModelRevision(mine.getCimModelRevision()).build();
        }
        return journaled.equals(mine);
    }

    /**
     * Whether continuing a journaled search would evaluate any strategy: the step is run on the journal's own state
     * until it waits for an evaluation (true) or the search is finished (false). Pure: nothing is journaled.
     */
    public static boolean needsEvaluation(GenerationalStep step, List<SearchEvent> events) {
        SearchReadModel state = SearchReadModel.bounded();
        events.forEach(state::apply);
        while (true) {
            StepDecision decision = step.next(state.progress());
            if (decision instanceof StepDecision.Evaluate) {
                return true;
            }
            List<SearchEvent> next = DecisionEvents.of(decision, state);
            if (next.isEmpty()) {
                return false;
            }
            next.forEach(state::apply);
        }
    }

    /** Why this code cannot read a journaled start's format, or null when it can. */
    public static String unreadableFormat(SearchEvent.SearchStarted journaled) {
        if (journaled.formatVersion() < SearchEventCodec.OLDEST_READABLE_FORMAT
                || journaled.formatVersion() > SearchEventCodec.FORMAT_VERSION) {
            return "journal format " + journaled.formatVersion() + " (this cim2pq reads formats "
                    + SearchEventCodec.OLDEST_READABLE_FORMAT + " to " + SearchEventCodec.FORMAT_VERSION + ")";
        }
        if (!org.cim2pq.engine.search.SearchMethod.isKnown(journaled.methodRevision())) {
            return "search method revision " + journaled.methodRevision() + " (this cim2pq runs revisions 1 to "
                    + org.cim2pq.engine.search.SearchMethod.CURRENT.revision() + ")";
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
