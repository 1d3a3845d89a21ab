package org.cim2pq.actors.search;

import java.util.Locale;
import org.cim2pq.engine.search.SearchMethod;
import org.cim2pq.engine.selection.QuotaPolicy;

/**
 * What a user chooses for one search, as recorded in {@code SearchStarted}: a resumed search must be given the
 * same settings, and {@code verify} rebuilds the search from them.
 *
 * @param seed          the search seed; every random decision derives from it
 * @param population    N, strategies per generation
 * @param generations   G, generations after the initial population
 * @param selection     {@code qnsga3} (quota {@code quota}, tolerance {@code accuracyTolerance}) or {@code nsga3}
 * @param quota         qNSGA-III's reserved fraction q (METHOD.md default 0.2)
 * @param accuracyTolerance qNSGA-III's delta, in error percentage points (default 5)
 * @param snapshotEvery snapshot after every this many events (default 500)
 * @param method        the revision of the selection and mutation rules: {@link SearchMethod#CURRENT} for a new
 *                      search, the journaled one for a search that continues
 */
public record SearchSettings(long seed, int population, int generations, String selection, double quota,
                             double accuracyTolerance, int snapshotEvery, SearchMethod method) {

    public static final int MAX_POPULATION = 10_000;
    public static final int MAX_GENERATIONS = 100_000;
    public static final int DEFAULT_SNAPSHOT_EVERY = 500;

    public SearchSettings {
        selection = selection.toLowerCase(Locale.ROOT);
        if (population < 2 || population > MAX_POPULATION) {
            throw new IllegalArgumentException("population must be in 2.." + MAX_POPULATION + ", got " + population);
        }
        if (generations < 0 || generations > MAX_GENERATIONS) {
            throw new IllegalArgumentException("generations must be in 0.." + MAX_GENERATIONS + ", got " + generations);
        }
        if (!selection.equals("qnsga3") && !selection.equals("nsga3")) {
            throw new IllegalArgumentException("selection must be qnsga3 or nsga3, got " + selection);
        }
        if (!(quota >= 0 && quota <= 1)) {
            throw new IllegalArgumentException("quota must be in [0, 1], got " + quota);
        }
        if (!(accuracyTolerance >= 0)) {
            throw new IllegalArgumentException("accuracy tolerance must be >= 0, got " + accuracyTolerance);
        }
        if (method == null) {
            throw new IllegalArgumentException("a search method revision is required");
        }
        if (snapshotEvery < 1) {
            throw new IllegalArgumentException("snapshot interval must be >= 1, got " + snapshotEvery);
        }
    }

    /** METHOD.md defaults for everything but seed, population and generations. */
    public static SearchSettings of(long seed, int population, int generations) {
        return new SearchSettings(seed, population, generations, "qnsga3", QuotaPolicy.DEFAULT_QUOTA,
                QuotaPolicy.DEFAULT_TOLERANCE, DEFAULT_SNAPSHOT_EVERY, SearchMethod.CURRENT);
    }

    /** The settings a journaled start records (snapshot interval: the default, which decides nothing). */
    public static SearchSettings of(org.cim2pq.persistence.event.SearchEvent.SearchStarted started) {
        return new SearchSettings(started.provenance().getSeed(), started.population(), started.generations(),
                started.selection(), started.quota(), started.accuracyTolerance(), DEFAULT_SNAPSHOT_EVERY,
                started.method());
    }

    public SearchSettings withSelection(String selection) {
        return new SearchSettings(seed, population, generations, selection, quota, accuracyTolerance, snapshotEvery,
                method);
    }

    /** qNSGA-III's reserved fraction q and accuracy tolerance delta (error points). */
    public SearchSettings withQuota(double quota, double accuracyTolerance) {
        return new SearchSettings(seed, population, generations, selection, quota, accuracyTolerance, snapshotEvery,
                method);
    }

    public SearchSettings withSnapshotEvery(int every) {
        return new SearchSettings(seed, population, generations, selection, quota, accuracyTolerance, every, method);
    }

    /** These settings under another method revision (a continued search keeps its journaled one). */
    public SearchSettings withMethod(SearchMethod method) {
        return new SearchSettings(seed, population, generations, selection, quota, accuracyTolerance, snapshotEvery,
                method);
    }

    /** The survival quota: qNSGA-III's, or none (plain NSGA-III). Error is objective 0, hardware the rest. */
    public QuotaPolicy quotaPolicy() {
        return selection.equals("nsga3") ? QuotaPolicy.NONE
                : QuotaPolicy.DEFAULT.withQuota(quota).withAccuracyTolerance(accuracyTolerance);
    }
}
