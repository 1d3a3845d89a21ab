package org.cim2pq.ops.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cim2pq.ops.input.UserError;
import org.cim2pq.ops.search.SearchRequest;

/**
 * What {@code experiment compare} runs: every variant with every seed 1..K, each an ordinary search of id
 * {@code <name>-<variant>-s<seed>} (e.g. {@code lenet5-fashion-mnist-array-qnsga3-s2}), all with the same population N
 * and generations G = budget / N - 1, so each is given N (G + 1) strategies, counted as the journal counts them (one
 * result per strategy: the initial population and N children per generation; a child equal to an earlier strategy
 * gets its result copied, which counts, as it does in the journal and in {@code list}). A budget that is not a
 * multiple of N is rounded down to one (said in the plan's line), and one smaller than 2N (the initial population
 * and one generation) is refused.
 *
 * @param name the experiment's name: the results folder's name and the prefix of its search ids
 * @param out the results folder
 * @param budget the evaluations asked for; {@link #evaluations()} is what each run is given
 * @param runs seed-major (seed 1's four variants first), so an interrupted experiment has whole seeds done
 */
public record ExperimentPlan(String name, Path out, int seeds, int budget, int population, int generations,
                             List<PlannedRun> runs, boolean quick) {

    /** Most seeds one experiment runs. */
    public static final int MAX_SEEDS = 100;

    /** One search of the experiment. */
    public record PlannedRun(Variant variant, int seed, SearchRequest request) {
        public String id() {
            return request.id();
        }
    }

    /** Builds the search of one variant and seed from the experiment's options (the command line's search options). */
    @FunctionalInterface
    public interface Requests {
        SearchRequest request(Variant variant, int seed, String id, int population, int generations);
    }

    public ExperimentPlan {
        runs = List.copyOf(runs);
    }

    /** The plan, or a UserError naming the first bad setting. */
    public static ExperimentPlan of(String name, Path out, int seeds, int budget, int population, boolean quick,
                                    Requests requests) {
        if (seeds < 1 || seeds > MAX_SEEDS) {
            throw new UserError("--seeds must be in 1.." + MAX_SEEDS + ", got " + seeds);
        }
        if (population < 2) {
            throw new UserError("--population must be >= 2, got " + population);
        }
        if (budget < 2L * population) {
            throw new UserError("--budget " + budget + " is less than the initial population and one generation of"
                    + " --population " + population + " (" + 2 * population + " evaluations)");
        }
        String longest = searchId(name, Variant.LAYER_QNSGA3, seeds);
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*") || longest.length() > 80) {
            throw new UserError("the experiment's name (the --out folder's name) must be letters, digits, '.', '_' and"
                    + " '-' and make search ids of at most 80 characters (" + longest + "), got '" + name + "'");
        }
        int generations = budget / population - 1;
        List<PlannedRun> runs = new ArrayList<>();
        for (int seed = 1; seed <= seeds; seed++) {
            for (Variant v : Variant.values()) {
                String id = searchId(name, v, seed);
                runs.add(new PlannedRun(v, seed, requests.request(v, seed, id, population, generations)));
            }
        }
        return new ExperimentPlan(name, out, seeds, budget, population, generations, runs, quick);
    }

    public static String searchId(String name, Variant variant, int seed) {
        return name + "-" + variant.key() + "-s" + seed;
    }

    /** Strategies each run is given: N (G + 1). */
    public int evaluations() {
        return population * (generations + 1);
    }

    /** One line: what runs. */
    public String describe() {
        SearchRequest first = runs.get(0).request();
        return "experiment " + name + ": " + Variant.values().length + " variants x " + seeds + " seed"
                + (seeds == 1 ? "" : "s") + " (1.." + seeds + "), " + first.model() + " on " + first.dataset() + ", "
                + first.fidelity() + ", preset " + first.preset() + ", population " + population + " x "
                + (generations + 1) + " = " + evaluations() + " evaluations per run"
                + (evaluations() != budget ? " (--budget " + budget + " rounded down to a multiple of " + population + ")" : "");
    }
}
