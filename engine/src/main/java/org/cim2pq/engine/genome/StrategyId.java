package org.cim2pq.engine.genome;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stable identity of a strategy: the generation it was born in and its birth index in that generation, written
 * {@code g3-17}. Initial strategies are generation 0. The id is derived from the search's own bookkeeping, not from
 * the genome, so two births with equal genomes stay distinguishable in the lineage, and the id is known before the
 * strategy is evaluated. Ids order by (generation, index); every order-sensitive step sorts by it, so nothing depends
 * on the order in which evaluation results arrive.
 */
public record StrategyId(int generation, int index) implements Comparable<StrategyId> {

    private static final Pattern FORM = Pattern.compile("g(\\d+)-(\\d+)");

    public StrategyId {
        if (generation < 0 || index < 0) {
            throw new IllegalArgumentException("generation and index must be >= 0: " + generation + ", " + index);
        }
    }

    public static StrategyId of(int generation, int index) {
        return new StrategyId(generation, index);
    }

    public static StrategyId parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a strategy id (g<generation>-<index>): " + text);
        }
        return new StrategyId(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    @Override
    public int compareTo(StrategyId o) {
        int c = Integer.compare(generation, o.generation);
        return c != 0 ? c : Integer.compare(index, o.index);
    }

    @Override
    public String toString() {
        return "g" + generation + "-" + index;
    }
}
