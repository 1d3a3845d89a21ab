package org.cim2pq.persistence.query;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.util.Locale;
import org.cim2pq.persistence.proto.CrossoverApplied;
import org.cim2pq.persistence.proto.EvaluationFailed;
import org.cim2pq.persistence.proto.GenerationStarted;
import org.cim2pq.persistence.proto.MutationApplied;
import org.cim2pq.persistence.proto.PopulationInitialized;
import org.cim2pq.persistence.proto.SearchCompleted;
import org.cim2pq.persistence.proto.SearchStarted;
import org.cim2pq.persistence.proto.SelectionApplied;
import org.cim2pq.persistence.proto.StrategyEvaluated;

/** Journal events as people and tools read them: a table row, or a JSON line (protobuf's JSON mapping). */
public final class EventText {

    private static final JsonFormat.Printer JSON = JsonFormat.printer().omittingInsignificantWhitespace();

    private EventText() {}

    /** The event's type name, e.g. {@code MutationApplied}. */
    public static String type(Object event) {
        return event instanceof Message m ? m.getDescriptorForType().getName() : event.getClass().getSimpleName();
    }

    /** The generation an event belongs to; -1 when it has none (SearchStarted), 0 for the initial population. */
    public static int generation(Object event) {
        if (event instanceof GenerationStarted e) {
            return e.getGeneration();
        } else if (event instanceof CrossoverApplied e) {
            return e.getGeneration();
        } else if (event instanceof MutationApplied e) {
            return e.getGeneration();
        } else if (event instanceof SelectionApplied e) {
            return e.getGeneration();
        } else if (event instanceof SearchCompleted e) {
            return e.getGenerations();
        } else if (event instanceof PopulationInitialized) {
            return 0;
        } else if (event instanceof StrategyEvaluated e) {
            return generationOf(e.getStrategyId());
        } else if (event instanceof EvaluationFailed e) {
            return generationOf(e.getStrategyId());
        }
        return -1;
    }

    /** One table row: sequence number, type, generation, what it says. */
    public static String row(long sequenceNr, Object event) {
        int g = generation(event);
        return String.format(Locale.ROOT, "%7d  %-21s %4s  %s", sequenceNr, type(event), g < 0 ? "" : "g" + g,
                summary(event));
    }

    /** A JSON object with the sequence number, type and the event itself. */
    public static String json(long sequenceNr, Object event) {
        try {
            return "{\"seq\":" + sequenceNr + ",\"type\":\"" + type(event) + "\",\"event\":"
                    + JSON.print((Message) event) + "}";
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    static String summary(Object event) {
        if (event instanceof SearchStarted e) {
            return e.getSearchId() + ": " + e.getProvenance().getModel() + " on " + e.getProvenance().getDataset()
                    + ", seed " + e.getProvenance().getSeed() + ", N=" + e.getPopulation() + ", G=" + e.getGenerations()
                    + ", " + e.getSelection() + ", " + e.getGranularity() + "wise, " + e.getUnits() + " units, code "
                    + e.getProvenance().getCodeVersion();
        } else if (event instanceof PopulationInitialized e) {
            return e.getStrategiesCount() + " strategies (" + e.getStrategiesList().stream()
                    .map(b -> b.getOrigin()).distinct().reduce((a, b) -> a + ", " + b).orElse("") + ")";
        } else if (event instanceof GenerationStarted e) {
            return String.format(Locale.ROOT, "mutation p=%.4f factor=%.3f stagnant=%d", e.getMutationProbability(),
                    e.getMutation().getFactor(), e.getMutation().getStagnantGenerations());
        } else if (event instanceof CrossoverApplied e) {
            return e.getChildId() + " = " + e.getFirstParent() + " x " + e.getSecondParent() + " mask " + e.getMask();
        } else if (event instanceof MutationApplied e) {
            StringBuilder s = new StringBuilder(e.getChildId()).append(" sites ");
            if (e.getSitesCount() == 0) {
                s.append("none");
            }
            e.getSitesList().forEach(site -> s.append(site.getGene()).append(':').append(site.getOldValue())
                    .append("->").append(site.getNewValue()).append(' '));
            return s.toString().strip();
        } else if (event instanceof StrategyEvaluated e) {
            StringBuilder s = new StringBuilder(e.getStrategyId()).append(" [");
            for (int i = 0; i < e.getObjectivesCount(); i++) {
                s.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.5g", e.getObjectives(i)));
            }
            return s.append("] attempt ").append(e.getAttempt()).append(" by ").append(e.getEvaluator()).toString();
        } else if (event instanceof EvaluationFailed e) {
            return e.getStrategyId() + " after " + e.getAttempts() + " attempts: " + e.getReason();
        } else if (event instanceof SelectionApplied e) {
            long quota = e.getFatesList().stream().filter(f -> f.getQuotaMember()).count();
            return e.getSurvivorsCount() + " survivors of " + e.getFatesCount() + " (" + quota + " by quota), HV "
                    + String.format(Locale.ROOT, "%.4f", e.getHypervolume());
        } else if (event instanceof SearchCompleted e) {
            return "front " + e.getFrontList() + ", HV " + String.format(Locale.ROOT, "%.4f", e.getHypervolume());
        }
        return String.valueOf(event);
    }

    private static int generationOf(String strategyId) {
        int dash = strategyId.indexOf('-');
        return dash > 1 ? Integer.parseInt(strategyId.substring(1, dash)) : -1;
    }
}
