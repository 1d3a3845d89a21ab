package org.cim2pq.engine.search;

import org.cim2pq.engine.selection.ReferencePoints;
import org.cim2pq.engine.variation.ProgressiveAdaptiveMutation;

/**
 * Which version of the method's selection and mutation a search runs, recorded in its journal so that a search
 * resumes and verifies under the rules it started with. Revision 1 is what searches journaled before revision 2
 * ran; new searches run {@link #CURRENT}.
 * <ul>
 *   <li><b>Revision 1</b>: Deb and Jain's reference points for the number of objectives alone
 *       ({@link ReferencePoints#forObjectives}: 286 for four objectives, whatever N); equal genomes may survive side
 *       by side; the mutation rate {@code 3/T * 0.99^(g-1)} per gene; the reported front is the last population's
 *       first front.</li>
 *   <li><b>Revision 2</b> (METHOD.md sec. 4): reference points matched to the population ({@code H ~ N}:
 *       {@link ReferencePoints#forPopulation}); duplicates eliminated in selection (an equal genome never takes a
 *       second seat); the expected number of mutated genes per child falls geometrically from 3 to 1 over the
 *       configured generations, the same for every granularity ({@link ProgressiveAdaptiveMutation.Builder#optExpectedMutations});
 *       the reported front is the archive, the non-dominated set of every strategy evaluated.</li>
 *   <li><b>Revision 3</b>: revision 2 with the expected mutated genes per child capped, not each gene's rate: at
 *       0.5 times the mutable genes of the network's layerwise space ({@link
 *       ProgressiveAdaptiveMutation.Builder#optLayerwiseCeiling}). Revision 2 capped each gene at 0.5, so once the
 *       adaptive factor passed 2.5 (LeNet-5, generation 1) a layerwise child mutated fewer genes than an arraywise
 *       one; now both mutate as many at every factor.</li>
 * </ul>
 */
public enum SearchMethod {
    REVISION_1(1),
    REVISION_2(2),
    REVISION_3(3);

    public static final SearchMethod CURRENT = REVISION_3;

    /** Revisions 2 and 3's expected mutated genes per child in the first and the last generation. */
    public static final double FIRST_EXPECTED_MUTATIONS = 3.0;
    public static final double LAST_EXPECTED_MUTATIONS = 1.0;

    private final int revision;

    SearchMethod(int revision) {
        this.revision = revision;
    }

    public int revision() {
        return revision;
    }

    /** The method of a journaled revision; 0 (a journal written before revisions were recorded) is revision 1. */
    /** Whether this version knows the revision a journal records (0: not recorded, i.e. revision 1). */
    public static boolean isKnown(int revision) {
        return revision >= 0 && revision <= CURRENT.revision;
    }

    public static SearchMethod of(int revision) {
        for (SearchMethod m : values()) {
            if (m.revision == revision || (revision == 0 && m == REVISION_1)) {
                return m;
            }
        }
        throw new IllegalArgumentException("search method revision " + revision + " is unknown to this version "
                + "(known: 1.." + CURRENT.revision + ")");
    }

    /** NSGA-III's reference points for {@code objectives} objectives and population {@code populationSize}. */
    public ReferencePoints referencePoints(int objectives, int populationSize) {
        return this == REVISION_1 ? ReferencePoints.forObjectives(objectives)
                : ReferencePoints.forPopulation(objectives, populationSize);
    }

    /** The progressive adaptive mutation of a search of {@code generations} generations. */
    public ProgressiveAdaptiveMutation mutation(int generations) {
        return this == REVISION_1 ? ProgressiveAdaptiveMutation.defaults()
                : ProgressiveAdaptiveMutation.builder()
                        .optExpectedMutations(FIRST_EXPECTED_MUTATIONS, LAST_EXPECTED_MUTATIONS, generations)
                        .optLayerwiseCeiling(this == REVISION_3).build();
    }

    /** Whether selection gives an equal genome a second seat (revision 1) or eliminates it. */
    public boolean eliminatesDuplicates() {
        return this != REVISION_1;
    }

    /** Whether the reported front is the archive of every evaluation (else the last population's first front). */
    public boolean reportsArchive() {
        return this != REVISION_1;
    }
}
