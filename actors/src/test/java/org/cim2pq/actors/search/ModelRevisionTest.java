package org.cim2pq.actors.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.cim2pq.persistence.event.SearchEvent;
import org.cim2pq.persistence.proto.PlatformConfiguration;
import org.cim2pq.persistence.proto.Provenance;
import org.cim2pq.sim.cim.CimModelRevision;
import org.junit.jupiter.api.Test;

/**
 * A search journaled at CIM model revision 2 or 3 continues under revision 4: revision 3 changed only defaults that
 * the journal records (the input fold, off before it existed), revision 4 only layerwise searches' scales, recorded as
 * {@code layer_scales} (per tile before it): its recorded configuration evaluates as it did. Any other platform
 * difference, the fold and the scale granularity included, and revision 1 are refused.
 */
class ModelRevisionTest {

    private static final PlatformConfiguration NOW = PlatformConfiguration.newBuilder().setModel("lenet5")
            .setFidelity("bitserial").setCimModelRevision(CimModelRevision.CURRENT).build();

    @Test
    void revisionTwoContinuesWithTheConfigurationItRecorded() {
        assertEquals(4, CimModelRevision.CURRENT);
        PlatformConfiguration two = NOW.toBuilder().setCimModelRevision(2).build();
        assertNull(SearchDefinition.mismatch(started(NOW), started(two)));
    }

    /**
     * Revision 4 gives layerwise searches per-layer scales, recorded as {@code layer_scales}: a revision 3 search
     * (layerwise or not) recorded per-tile scales and continues with them; the scale granularity is part of the
     * machine.
     */
    @Test
    void revisionThreeContinuesWithPerTileScalesAndTheScaleGranularityIsPartOfTheMachine() {
        PlatformConfiguration three = NOW.toBuilder().setCimModelRevision(3).build();
        assertNull(SearchDefinition.mismatch(started(NOW), started(three)));
        PlatformConfiguration perLayer = NOW.toBuilder().setLayerScales(true).build();
        assertNotNull(SearchDefinition.mismatch(started(perLayer), started(three)));
        assertNotNull(SearchDefinition.mismatch(started(NOW), started(perLayer)));
        assertNull(SearchDefinition.mismatch(started(perLayer), started(perLayer)));
    }

    @Test
    void anotherCalibrationOrAnOlderRevisionIsAnotherMachine() {
        PlatformConfiguration twoWithoutFold = NOW.toBuilder().setCimModelRevision(2).build();
        PlatformConfiguration folded = NOW.toBuilder().setFoldInputNormalization(true).build();
        assertNotNull(SearchDefinition.mismatch(started(folded), started(twoWithoutFold)));
        assertNotNull(SearchDefinition.mismatch(started(NOW), started(NOW.toBuilder().setPerColumnWeightScales(true)
                .build())));
        assertNotNull(SearchDefinition.mismatch(started(NOW), started(NOW.toBuilder().setCimModelRevision(1).build())));
    }

    private static SearchEvent.SearchStarted started(PlatformConfiguration platform) {
        return new SearchEvent.SearchStarted("s", 2, Provenance.newBuilder().setModel("lenet5").build(), "space", 4, 12,
                0, List.of("error_pct"), 4, 1, "qnsga3", 0.2, 5, "array", null, null, platform, 2);
    }
}
