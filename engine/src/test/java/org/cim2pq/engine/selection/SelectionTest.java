package org.cim2pq.engine.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import org.cim2pq.engine.genome.StrategyId;
import org.cim2pq.engine.random.DrawKey;
import org.cim2pq.engine.random.Purpose;
import org.junit.jupiter.api.Test;

class SelectionTest {

    private static List<Candidate> randomCandidates(long seed, int n, int m) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Candidate> c = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] f = new double[m];
            for (int k = 0; k < m; k++) {
                f[k] = r.nextDouble();
            }
            c.add(Candidate.of(StrategyId.of(i / 50, i % 50), f));
        }
        return c;
    }

    @Test
    void quotaZeroIsNsga3Exactly() {
        ReferencePoints refs = ReferencePoints.forObjectives(3);
        for (long seed = 0; seed < 30; seed++) {
            List<Candidate> c = randomCandidates(seed, 184, 3);
            SelectionDecision q0 = new Selection(refs, 92, QuotaPolicy.DEFAULT.withQuota(0)).select(c, 7, seed);
            double[][] f = c.stream().map(x -> x.objectives().values()).toArray(double[][]::new);
            SurvivalOutcome plain = new Nsga3Survival(refs).select(f, 92, DrawKey.of(seed, 7, Purpose.SELECTION, 0).random());
            List<StrategyId> expected = java.util.Arrays.stream(plain.survivors()).mapToObj(i -> c.get(i).id()).toList();
            assertEquals(expected, q0.survivors());
        }
    }

    @Test
    void decisionDoesNotDependOnArrivalOrder() {
        List<Candidate> c = randomCandidates(3, 200, 4);
        Selection s = new Selection(ReferencePoints.dasDennis(4, 7), 100, QuotaPolicy.DEFAULT);
        SelectionDecision a = s.select(c, 2, 99);
        List<Candidate> shuffled = new ArrayList<>(c);
        Collections.shuffle(shuffled, new java.util.Random(1));
        assertEquals(a, s.select(shuffled, 2, 99));
        assertEquals(100, a.survivors().size());
        assertEquals(200, a.fates().size());
    }

    @Test
    void quotaReservesTheCheapestStrategiesWithinTheTolerance() {
        // Objectives (error %, energy, area). Best error 10; tolerance 5 -> eligible errors <= 15.
        List<Candidate> c = new ArrayList<>();
        c.add(Candidate.of(StrategyId.of(0, 0), 10, 9, 9));   // most accurate, expensive
        c.add(Candidate.of(StrategyId.of(0, 1), 14, 1, 1));   // cheap and within tolerance
        c.add(Candidate.of(StrategyId.of(0, 2), 15, 1, 1.5)); // dominated by 0-1 but within tolerance
        c.add(Candidate.of(StrategyId.of(0, 3), 40, 0.5, 0.5)); // cheapest but too inaccurate
        for (int i = 4; i < 12; i++) {
            c.add(Candidate.of(StrategyId.of(0, i), 11 + i * 0.1, 5 - i * 0.3, 5 - i * 0.2));
        }
        QuotaPolicy policy = QuotaPolicy.DEFAULT.withQuota(0.34); // 2 of 6
        SelectionDecision d = new Selection(ReferencePoints.dasDennis(3, 2), 6, policy).select(c, 1, 5);
        assertEquals(List.of(StrategyId.of(0, 1), StrategyId.of(0, 2)), d.survivors().subList(0, 2));
        Set<StrategyId> quota = d.fates().stream().filter(CandidateFate::quotaMember).map(CandidateFate::id)
                .collect(Collectors.toSet());
        assertEquals(Set.of(StrategyId.of(0, 1), StrategyId.of(0, 2)), quota);
        CandidateFate dominated = d.fates().get(2);
        assertTrue(dominated.survived());
        assertEquals(1, dominated.front());
        assertEquals(-1, dominated.referencePoint());
        assertFalse(d.fates().get(3).quotaMember());
        assertEquals(6, d.survivors().size());
    }

    @Test
    void productAggregationAndExplicitObjectives() {
        QuotaSurvival q = new QuotaSurvival(ReferencePoints.dasDennis(3, 2),
                new QuotaPolicy(0.5, 1.0, 2, new int[] {0}, CostAggregation.PRODUCT));
        // error is objective 2; hardware is objective 0 only.
        double[][] f = {{5, 0, 1.0}, {1, 0, 1.5}, {0.1, 0, 3.0}, {2, 9, 1.2}};
        assertEquals(List.of(1, 3), java.util.Arrays.stream(q.cimFriendly(f, 2)).boxed().toList());
    }
}
