package org.cim2pq.persistence.query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.cim2pq.persistence.proto.BornStrategy;
import org.cim2pq.persistence.proto.CandidateFate;
import org.cim2pq.persistence.proto.CrossoverApplied;
import org.cim2pq.persistence.proto.MutationApplied;
import org.cim2pq.persistence.proto.PopulationInitialized;
import org.cim2pq.persistence.proto.SelectionApplied;
import org.cim2pq.persistence.proto.StrategyEvaluated;

/**
 * How a strategy came to be, from its search's journal alone: its parents, the crossover mask (which tiles came from
 * which parent), the mutated sites, and the selections that kept each ancestor alive, back to the initial population.
 */
public final class Lineage {

    /** One strategy of the ancestry. */
    public record Ancestor(String id, String origin, CrossoverApplied crossover, MutationApplied mutation,
                           StrategyEvaluated result, List<Kept> kept) {}

    /** A selection that kept the strategy: its generation and the reasons (front, reference point, quota). */
    public record Kept(int generation, CandidateFate fate) {}

    private final Map<String, Ancestor> ancestors;
    private final String root;

    private Lineage(String root, Map<String, Ancestor> ancestors) {
        this.root = root;
        this.ancestors = ancestors;
    }

    /** The ancestry of {@code strategyId}; an IllegalArgumentException when the journal never bred it. */
    public static Lineage of(List<Object> events, String strategyId) {
        Map<String, String> origin = new HashMap<>();
        Map<String, CrossoverApplied> crossovers = new HashMap<>();
        Map<String, MutationApplied> mutations = new HashMap<>();
        Map<String, StrategyEvaluated> results = new HashMap<>();
        Map<String, List<Kept>> kept = new HashMap<>();
        for (Object e : events) {
            if (e instanceof PopulationInitialized p) {
                for (BornStrategy b : p.getStrategiesList()) {
                    origin.put(b.getStrategyId(), b.getOrigin());
                }
            } else if (e instanceof CrossoverApplied c) {
                crossovers.put(c.getChildId(), c);
                origin.put(c.getChildId(), "offspring");
            } else if (e instanceof MutationApplied m) {
                mutations.put(m.getChildId(), m);
            } else if (e instanceof StrategyEvaluated r) {
                results.putIfAbsent(r.getStrategyId(), r);
            } else if (e instanceof SelectionApplied s) {
                for (CandidateFate f : s.getFatesList()) {
                    if (f.getSurvived()) {
                        kept.computeIfAbsent(f.getStrategyId(), k -> new ArrayList<>()).add(new Kept(s.getGeneration(), f));
                    }
                }
            }
        }
        if (!origin.containsKey(strategyId)) {
            throw new IllegalArgumentException("no strategy '" + strategyId + "' in this search");
        }
        Map<String, Ancestor> out = new LinkedHashMap<>();
        List<String> todo = new ArrayList<>(List.of(strategyId));
        while (!todo.isEmpty()) {
            String id = todo.remove(0);
            if (out.containsKey(id)) {
                continue;
            }
            CrossoverApplied c = crossovers.get(id);
            out.put(id, new Ancestor(id, origin.get(id), c, mutations.get(id), results.get(id),
                    kept.getOrDefault(id, List.of())));
            if (c != null) {
                todo.add(c.getFirstParent());
                todo.add(c.getSecondParent());
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
                reasons.add("g" + k.generation() + " front " + f.getFront() + (f.getQuotaMember() ? ", quota" : "")
                        + (f.getReferencePoint() >= 0 ? ", ref " + f.getReferencePoint() + " (niche " + f.getNicheCount() + ")" : ""));
            }
            s.append(String.join("; ", reasons)).append('\n');
        }
        if (a.crossover() != null) {
            CrossoverApplied c = a.crossover();
            s.append(indent).append("  generation ").append(c.getGeneration()).append(": ").append(c.getFirstParent())
                    .append(" (A) x ").append(c.getSecondParent()).append(" (B), mask ").append(c.getMask()).append('\n');
            MutationApplied m = a.mutation();
            if (m != null) {
                s.append(indent).append("  mutated ").append(m.getSitesCount() == 0 ? "nothing" : "");
                List<String> sites = new ArrayList<>();
                m.getSitesList().forEach(site -> sites.add("gene " + site.getGene() + " (unit " + site.getGene() / 3
                        + ", " + kind(site.getGene()) + ") " + site.getOldValue() + "->" + site.getNewValue()));
                s.append(String.join("; ", sites)).append('\n');
            }
            text(c.getFirstParent(), depth + 1, shown, s);
            text(c.getSecondParent(), depth + 1, shown, s);
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
                CrossoverApplied c = a.crossover();
                int sites = a.mutation() == null ? 0 : a.mutation().getSitesCount();
                s.append("  \"").append(c.getFirstParent()).append("\" -> \"").append(a.id())
                        .append("\" [label=\"A ").append(c.getMask()).append(sites > 0 ? " +" + sites + " mut" : "")
                        .append("\"];\n");
                s.append("  \"").append(c.getSecondParent()).append("\" -> \"").append(a.id())
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

    private static String objectives(StrategyEvaluated r) {
        List<String> parts = new ArrayList<>();
        r.getObjectivesList().forEach(v -> parts.add(String.format(Locale.ROOT, "%.4g", v)));
        return "[" + String.join(", ", parts) + "]";
    }
}
