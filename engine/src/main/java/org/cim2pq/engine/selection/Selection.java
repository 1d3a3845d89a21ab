package org.cim2pq.engine.selection;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import org.cim2pq.engine.genome.StrategyId;
import org.cim2pq.engine.problem.Objectives;
import org.cim2pq.engine.random.DrawKey;
import org.cim2pq.engine.random.Purpose;

/**
 * The id-level survival step a search driver calls once per generation: candidates (parents and evaluated
 * children, in any order) in, {@link SelectionDecision} out. Candidates are sorted by strategy id first, and the
 * niching draws come from the stream (seed, generation, SELECTION, 0), so the decision depends only on the set of
 * candidates, never on the order in which their evaluations arrived.
 *
 * <p>NSGA-III's ideal point spans all generations (Deb and Jain 2014): pass {@code earlierIdeal}, the per-objective
 * minimum over every strategy evaluated before this generation (re-derivable from the journaled evaluations;
 * {@link #idealOf} computes it), or null to use this generation's candidates alone.
 *
 * @param referencePoints NSGA-III's reference points
 * @param populationSize  N, survivors per generation
 * @param quota           qNSGA-III's quota; {@link QuotaPolicy#NONE} gives NSGA-III
 */
public record Selection(ReferencePoints referencePoints, int populationSize, QuotaPolicy quota) {

    public Selection {
        if (populationSize < 1) {
            throw new IllegalArgumentException("population size must be >= 1");
        }
    }

    public SelectionDecision select(Collection<Candidate> candidates, int generation, long seed) {
        return select(candidates, generation, seed, null);
    }

    /** The per-objective minimum of {@code objectives}, or null when there are none. */
    public static Objectives idealOf(Collection<Objectives> objectives) {
        double[] ideal = null;
        for (Objectives o : objectives) {
            if (ideal == null) {
                ideal = o.values();
            } else {
                for (int i = 0; i < ideal.length; i++) {
                    ideal[i] = Math.min(ideal[i], o.get(i));
                }
            }
        }
        return ideal == null ? null : new Objectives(ideal);
    }

    public SelectionDecision select(Collection<Candidate> candidates, int generation, long seed, Objectives earlierIdeal) {
        List<Candidate> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparing(Candidate::id));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).id().equals(sorted.get(i - 1).id())) {
                throw new IllegalArgumentException("duplicate candidate " + sorted.get(i).id());
            }
        }
        double[][] f = new double[sorted.size()][];
        for (int i = 0; i < f.length; i++) {
            f[i] = sorted.get(i).objectives().values();
            if (f[i].length != referencePoints.dimension()) {
                throw new IllegalArgumentException(sorted.get(i).id() + " has " + f[i].length + " objectives, the "
                        + "reference points " + referencePoints.dimension());
            }
        }
        SurvivalOutcome out = new QuotaSurvival(referencePoints, quota)
                .select(f, populationSize, DrawKey.of(seed, generation, Purpose.SELECTION, 0).random(),
                        earlierIdeal == null ? null : earlierIdeal.values());
        boolean[] survived = new boolean[f.length];
        List<StrategyId> survivors = new ArrayList<>(out.survivors().length);
        for (int s : out.survivors()) {
            survived[s] = true;
            survivors.add(sorted.get(s).id());
        }
        List<CandidateFate> fates = new ArrayList<>(f.length);
        for (int i = 0; i < f.length; i++) {
            int ref = out.referencePoint()[i];
            fates.add(new CandidateFate(sorted.get(i).id(), out.front()[i], ref, out.distance()[i],
                    ref < 0 ? -1 : out.nicheCount()[ref], out.quotaMember()[i], survived[i]));
        }
        return new SelectionDecision(generation, survivors, fates);
    }
}
