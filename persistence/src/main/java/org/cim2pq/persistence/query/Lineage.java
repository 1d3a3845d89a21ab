package org.cim2pq.persistence.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.cim2pq.engine.genome.StrategyId;
import org.cim2pq.engine.selection.CandidateFate;
import org.cim2pq.persistence.event.SearchEvent;
import org.cim2pq.persistence.event.SearchReadModel;

/**
 * How a strategy came to be, from its search's journal alone: its parents, the crossover mask (which tiles came from
 * which parent), the mutated sites, and the selections that kept each ancestor alive, back to the initial population.
 */
public final class Lineage {

    /** One strategy of the ancestry. */
    public record Ancestor(String id, String origin, SearchEvent.CrossoverApplied crossover,
                           SearchEvent.MutationApplied mutation, SearchEvent.StrategyEvaluated result, List<Kept> kept) {}

    /** A selection that kept the strategy: its generation and the reasons (front, reference point, quota). */
    public record Kept(int generation, CandidateFate fate) {}

    private final Map<String, Ancestor> ancestors;
    private final String root;

    private Lineage(String root, Map<String, Ancestor> ancestors) {
        this.root = root;
        this.ancestors = ancestors;
    }

    /** The ancestry of {@code strategyId}; an IllegalArgumentException when the journal never bred it. */
    public static Lineage of(List<?> events, String strategyId) {
        return of(SearchReadModel.of(events), strategyId);
    }

    public static Lineage of(SearchReadModel model, String strategyId) {
        Map<StrategyId, SearchReadModel.StrategyRecord> strategies = model.strategies();
        StrategyId rootId;
        try {
            rootId = StrategyId.parse(strategyId);
        } catch (IllegalArgumentException e) {
            rootId = null;
        }
        if (rootId == null || !strategies.containsKey(rootId)) {
            throw new IllegalArgumentException("no strategy '" + strategyId + "' in this search");
        }
        Map<String, Ancestor> out = new LinkedHashMap<>();
        List<StrategyId> todo = new ArrayList<>(List.of(rootId));
        while (!todo.isEmpty()) {
            StrategyId id = todo.remove(0);
            if (out.containsKey(id.toString())) {
                continue;
            }
            SearchReadModel.StrategyRecord r = strategies.get(id);
            List<Kept> kept = r.kept().stream().map(k -> new Kept(k.generation(), k.fate())).toList();
            out.put(id.toString(), new Ancestor(id.toString(), r.origin(), r.crossover(), r.mutation(), r.result(), kept));
            if (r.crossover() != null) {
                todo.add(r.crossover().firstParent());
                todo.add(r.crossover().secondParent());
            }
        }
        return new Lineage(strategyId, out);
    }

    public String root() {
        return root;
    }

    public Map<String, Ancestor> ancestors() {
        return ancestors;
    }

    /** Indented text, the strategy first, each parent below its child (an ancestor met twice is referenced). */
    public String text() {
        StringBuilder s = new StringBuilder();
        text(root, 0, new LinkedHashSet<>(), s);
        return s.toString();
    }

    private void text(String id, int depth, Set<String> shown, StringBuilder s) {
        Ancestor a = ancestors.get(id);
        String indent = "  ".repeat(depth);
        if (!shown.add(id)) {
            s.append(indent).append(id).append(" (see above)\n");
            return;
        }
        s.append(indent).append(id).append("  ").append(a.origin());
        if (a.result() != null) {
            s.append("  objectives ").append(objectives(a.result()));
        }
        s.append('\n');
        if (!a.kept().isEmpty()) {
            s.append(indent).append("  kept by selection: ");
            List<String> reasons = new ArrayList<>();
            for (Kept k : a.kept()) {
                CandidateFate f = k.fate();
                reasons.add("g" + k.generation() + " front " + f.front() + (f.quotaMember() ? ", quota" : "")
                        + (f.referencePoint() >= 0 ? ", ref " + f.referencePoint() + " (niche " + f.nicheCount() + ")" : ""));
            }
            s.append(String.join("; ", reasons)).append('\n');
        }
        if (a.crossover() != null) {
            SearchEvent.CrossoverApplied c = a.crossover();
            s.append(indent).append("  generation ").append(c.generation()).append(": ").append(c.firstParent())
                    .append(" (A) x ").append(c.secondParent()).append(" (B), mask ").append(c.mask()).append('\n');
            SearchEvent.MutationApplied m = a.mutation();
            if (m != null) {
                s.append(indent).append("  mutated ").append(m.sites().isEmpty() ? "nothing" : "");
                List<String> sites = new ArrayList<>();
                m.sites().forEach(site -> sites.add("gene " + site.gene() + " (unit " + site.gene() / 3
                        + ", " + kind(site.gene()) + ") " + site.oldValue() + "->" + site.newValue()));
                s.append(String.join("; ", sites)).append('\n');
            }
            text(c.firstParent().toString(), depth + 1, shown, s);
            text(c.secondParent().toString(), depth + 1, shown, s);
        }
    }

    /** Graphviz: strategies as nodes, edges from parents labelled A / B with the mask and mutations. */
    public String dot() {
        StringBuilder s = new StringBuilder("digraph lineage {\n  rankdir=BT;\n  node [shape=box, fontname=\"monospace\"];\n");
        for (Ancestor a : ancestors.values()) {
            String label = a.id() + "\\n" + a.origin() + (a.result() != null ? "\\n" + objectives(a.result()) : "");
            s.append("  \"").append(a.id()).append("\" [label=\"").append(label).append("\"")
                    .append(a.id().equals(root) ? ", style=bold" : "").append("];\n");
            if (a.crossover() != null) {
                SearchEvent.CrossoverApplied c = a.crossover();
                int sites = a.mutation() == null ? 0 : a.mutation().sites().size();
                s.append("  \"").append(c.firstParent()).append("\" -> \"").append(a.id())
                        .append("\" [label=\"A ").append(c.mask()).append(sites > 0 ? " +" + sites + " mut" : "")
                        .append("\"];\n");
                s.append("  \"").append(c.secondParent()).append("\" -> \"").append(a.id())
                        .append("\" [label=\"B\"];\n");
            }
        }
        return s.append("}\n").toString();
    }

    private static String kind(int gene) {
        return switch (gene % 3) {
            case 0 -> "input";
            case 1 -> "weight";
            default -> "partial sum";
        };
    }

    private static String objectives(SearchEvent.StrategyEvaluated r) {
        List<String> parts = new ArrayList<>();
        for (double v : r.objectives().values()) {
            parts.add(String.format(Locale.ROOT, "%.4g", v));
        }
        return "[" + String.join(", ", parts) + "]";
    }
}
