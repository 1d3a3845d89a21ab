package org.cim2pq.persistence.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.cim2pq.engine.genome.IntGenome;
import org.cim2pq.engine.genome.StrategyId;
import org.cim2pq.engine.problem.Objectives;
import org.cim2pq.persistence.proto.PlatformConfiguration;
import org.cim2pq.persistence.proto.Provenance;
import org.junit.jupiter.api.Test;

/**
 * The front's re-evaluations in the one fold: counted once per (strategy, protocol), only for a front strategy of a
 * completed search under a protocol its start asks for; what is still pending is what a resumed search evaluates;
 * the events, the start's protocols and a snapshot survive the codec; labels name the machine they describe.
 */
class FrontReevaluationTest {

    static final PlatformConfiguration PSUM = PlatformConfiguration.newBuilder().setModel("lenet5").setFidelity("psum")
            .setPreset("isaac-32nm").setSearchImages(1000).setSubsetSeed(0).build();
    static final SearchEvent.EvaluationProtocol BITSERIAL = SearchEvent.EvaluationProtocol.rescoring("bitserial", PSUM);
    static final StrategyId A = StrategyId.parse("g0-0");
    static final StrategyId B = StrategyId.parse("g0-1");
    static final StrategyId C = StrategyId.parse("g0-2");

    @Test
    void eachFrontStrategyIsReevaluatedOnceUnderARequestedProtocol() {
        SearchReadModel model = SearchReadModel.withHistory();
        search().forEach(model::apply);
        model.apply(reevaluated(A, BITSERIAL, 12.0)); // before completion: not a re-evaluation of the front
        assertTrue(model.reevaluations().isEmpty());
        model.apply(new SearchEvent.SearchCompleted(0, List.of(A, B), 0.5, List.of()));
        assertEquals(List.of(new SearchReadModel.PendingReevaluation(BITSERIAL, A),
                new SearchReadModel.PendingReevaluation(BITSERIAL, B)), model.pendingReevaluations());
        assertFalse(model.isFinished());
        model.apply(reevaluated(A, BITSERIAL, 12.0));
        model.apply(reevaluated(A, BITSERIAL, 99.0)); // a second answer is not recorded
        model.apply(reevaluated(C, BITSERIAL, 13.0)); // not on the front
        SearchEvent.EvaluationProtocol heldOut = new SearchEvent.EvaluationProtocol("bitserial", "isaac-32nm",
                SearchEvent.EvaluationProtocol.HELD_OUT_IMAGES, 9000, 0, "", 0);
        model.apply(reevaluated(B, heldOut, 14.0)); // a protocol the start did not ask for
        assertEquals(12.0, model.reevaluation(BITSERIAL, A).objectives().get(0));
        assertNull(model.reevaluation(BITSERIAL, C));
        assertNull(model.reevaluation(heldOut, B));
        assertEquals(List.of(new SearchReadModel.PendingReevaluation(BITSERIAL, B)), model.pendingReevaluations());

        SearchReadModel restored = SearchEventCodec.restore(SearchEventCodec.snapshot(model));
        assertEquals(model.pendingReevaluations(), restored.pendingReevaluations());
        assertEquals(model.reevaluations(), restored.reevaluations());

        model.apply(reevaluated(B, BITSERIAL, 15.0));
        assertTrue(model.isFinished());
        assertEquals(List.of(A, B), model.reevaluations().stream().map(SearchEvent.StrategyReevaluated::id).toList());
    }

    @Test
    void reevaluationsAndTheirProtocolsSurviveTheCodec() {
        SearchEvent.StrategyReevaluated r = reevaluated(A, BITSERIAL, 12.0);
        SearchEvent.StrategyReevaluated again = (SearchEvent.StrategyReevaluated) SearchEventCodec.decode(
                SearchEventCodec.encode(r));
        assertEquals(r, again);
        assertTrue(SearchEventCodec.isEvent(SearchEventCodec.encode(r)));
        SearchEvent.SearchStarted started = (SearchEvent.SearchStarted) search().get(0);
        SearchEvent.SearchStarted decoded = (SearchEvent.SearchStarted) SearchEventCodec.decode(
                SearchEventCodec.encode(started));
        assertEquals(List.of(BITSERIAL), decoded.reevaluations());
        assertEquals(3, decoded.formatVersion());
    }

    @Test
    void labelsNameTheMachineTheFiguresDescribe() {
        SearchEvent.SearchStarted started = (SearchEvent.SearchStarted) search().get(0);
        assertTrue(BITSERIAL.rescores(started));
        assertEquals("bitserial (re-scored; searched on psum)", BITSERIAL.label(started.machine()));
        assertEquals("bitserial", BITSERIAL.key());
        SearchEvent.EvaluationProtocol heldOut = new SearchEvent.EvaluationProtocol("psum", "isaac-32nm",
                SearchEvent.EvaluationProtocol.HELD_OUT_IMAGES, 9000, 0, "typical-rram", 8);
        assertFalse(heldOut.rescores(started));
        assertEquals("psum, 9000 held-out images, noise typical-rram x8", heldOut.label("psum"));
        assertEquals("psum_held_out_typical_rram", heldOut.key());
    }

    @Test
    void aHeldOutFrontShowsItsAccuracyAndIntervalBesideTheSearchFigures() {
        SearchEvent.EvaluationProtocol heldOut = SearchEvent.EvaluationProtocol.heldOut("psum", PSUM, 100);
        assertTrue(heldOut.isHeldOut());
        assertEquals(new SearchEvent.EvaluationProtocol("psum", "isaac-32nm", "held-out", 100, 0, "", 0), heldOut);
        SearchReadModel model = SearchReadModel.withHistory();
        List<SearchEvent> events = new java.util.ArrayList<>(search());
        SearchEvent.SearchStarted s = (SearchEvent.SearchStarted) events.get(0);
        events.set(0, new SearchEvent.SearchStarted(s.searchId(), s.formatVersion(), s.provenance(), s.spaceFingerprint(),
                s.units(), s.genes(), s.startedAtEpochMs(), s.objectives(), s.population(), s.generations(),
                s.selection(), s.quota(), s.accuracyTolerance(), s.granularity(), null, null, PSUM, 2,
                List.of(heldOut)));
        events.forEach(model::apply);
        model.apply(new SearchEvent.SearchCompleted(0, List.of(A, B), 0.5, List.of()));
        SearchEvent.StrategyReevaluated a = new SearchEvent.StrategyReevaluated(A, heldOut,
                Objectives.of(new double[] {10.0}), Map.of("tops_per_w", 3.0), "test", 5, 90, 100);
        assertEquals(a, SearchEventCodec.decode(SearchEventCodec.encode(a)), "the counts survive the codec");
        model.apply(a);
        model.apply(new SearchEvent.StrategyReevaluated(B, heldOut, Objectives.of(new double[] {100.0}),
                Map.of("tops_per_w", 4.0), "test", 5, 0, 100));
        assertTrue(model.isFinished());
        String csv = org.cim2pq.persistence.query.FrontCsv.render(model, g -> "p");
        List<String> lines = csv.lines().toList();
        assertEquals(org.cim2pq.persistence.query.FrontCsv.HEADER
                + ",heldout_images,heldout_top1,heldout_top1_lo95,heldout_top1_hi95", lines.get(0));
        // Wilson's 95% interval of 90 of 100 is [82.563, 94.477]; of 0 of 100, [0, 3.70].
        assertEquals("g0-0,10.0000,,,,,p,100,90.0000,82.5634,94.4771", lines.get(1));
        assertEquals("g0-1,11.0000,,,,,p,100,0.00000,0.00000,3.69935", lines.get(2));
    }

    private static List<SearchEvent> search() {
        return List.of(new SearchEvent.SearchStarted("s", SearchEventCodec.FORMAT_VERSION,
                        Provenance.newBuilder().setModel("lenet5").build(), "space", 1, 3, 0, List.of("error_pct"), 3, 0,
                        "qnsga3", 0.2, 5, "array", null, null, PSUM, 2, List.of(BITSERIAL)),
                new SearchEvent.PopulationInitialized(List.of(born(A, "012"), born(B, "111"), born(C, "222"))),
                evaluated(A, 10.0), evaluated(B, 11.0), evaluated(C, 30.0));
    }

    private static SearchEvent.Born born(StrategyId id, String genome) {
        return new SearchEvent.Born(id, IntGenome.decode(genome), "random");
    }

    private static SearchEvent.StrategyEvaluated evaluated(StrategyId id, double error) {
        return new SearchEvent.StrategyEvaluated(id, Objectives.of(new double[] {error}), Map.of(), 1, "p0", 1, null);
    }

    private static SearchEvent.StrategyReevaluated reevaluated(StrategyId id, SearchEvent.EvaluationProtocol p,
            double error) {
        return new SearchEvent.StrategyReevaluated(id, p, Objectives.of(new double[] {error}),
                Map.of("tops_per_w", 3.0), "test", 5);
    }
}
