package org.cim2pq.persistence.serialization;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cim2pq.persistence.proto.BornStrategy;
import org.cim2pq.persistence.proto.CandidateFate;
import org.cim2pq.persistence.proto.CrossoverApplied;
import org.cim2pq.persistence.proto.EvaluationFailed;
import org.cim2pq.persistence.proto.EvaluationRequest;
import org.cim2pq.persistence.proto.SearchSnapshot;
import org.cim2pq.persistence.proto.GenerationStarted;
import org.cim2pq.persistence.proto.MutationApplied;
import org.cim2pq.persistence.proto.MutationSite;
import org.cim2pq.persistence.proto.MutationState;
import org.cim2pq.persistence.proto.PopulationInitialized;
import org.cim2pq.persistence.proto.Provenance;
import org.cim2pq.persistence.proto.SearchCompleted;
import org.cim2pq.persistence.proto.SearchProgress;
import org.cim2pq.persistence.proto.SearchSpaceDescription;
import org.cim2pq.persistence.proto.TileSite;
import org.cim2pq.persistence.proto.LayerPin;
import org.cim2pq.persistence.proto.PlatformConfiguration;
import org.cim2pq.persistence.proto.SearchProgressRequest;
import org.cim2pq.persistence.proto.SearchStopRequest;
import org.cim2pq.persistence.proto.SearchStarted;
import org.cim2pq.persistence.proto.SelectionApplied;
import org.cim2pq.persistence.proto.StrategyEvaluated;
import org.cim2pq.persistence.proto.SubmitEvaluation;
import org.cim2pq.persistence.proto.WorkAssigned;
import org.cim2pq.persistence.proto.WorkCompleted;
import org.cim2pq.persistence.proto.WorkFailed;
import org.cim2pq.persistence.proto.WorkRequest;

/**
 * Every protobuf message cim2pq writes to a journal or sends between nodes, keyed by its protobuf full name
 * ({@code cim2pq.v1.SearchStarted}). The full name, not the Java class, is the serializer's manifest, so renaming
 * or moving a Java class never makes an old journal unreadable.
 */
public final class JournalMessages {

    private static final Map<String, Message> BY_NAME = index(List.of(
            SearchStarted.getDefaultInstance(),
            PopulationInitialized.getDefaultInstance(),
            GenerationStarted.getDefaultInstance(),
            CrossoverApplied.getDefaultInstance(),
            MutationApplied.getDefaultInstance(),
            StrategyEvaluated.getDefaultInstance(),
            EvaluationFailed.getDefaultInstance(),
            SelectionApplied.getDefaultInstance(),
            SearchCompleted.getDefaultInstance(),
            org.cim2pq.persistence.proto.StrategyReevaluated.getDefaultInstance(),
            org.cim2pq.persistence.proto.EvaluationProtocol.getDefaultInstance(),
            Provenance.getDefaultInstance(),
            BornStrategy.getDefaultInstance(),
            MutationState.getDefaultInstance(),
            MutationSite.getDefaultInstance(),
            CandidateFate.getDefaultInstance(),
            org.cim2pq.persistence.proto.EliminatedDuplicate.getDefaultInstance(),
            SearchSnapshot.getDefaultInstance(),
            EvaluationRequest.getDefaultInstance(),
            SubmitEvaluation.getDefaultInstance(),
            WorkRequest.getDefaultInstance(),
            WorkAssigned.getDefaultInstance(),
            WorkCompleted.getDefaultInstance(),
            WorkFailed.getDefaultInstance(),
            SearchProgressRequest.getDefaultInstance(),
            SearchStopRequest.getDefaultInstance(),
            SearchProgress.getDefaultInstance(),
            SearchSpaceDescription.getDefaultInstance(),
            TileSite.getDefaultInstance(),
            LayerPin.getDefaultInstance(),
            PlatformConfiguration.getDefaultInstance()));

    private JournalMessages() {}

    /** The protobuf full name used as manifest. */
    public static String manifest(Message message) {
        return message.getDescriptorForType().getFullName();
    }

    /** The parser for a manifest, empty for a name this version does not know. */
    public static Optional<Parser<? extends Message>> parser(String manifest) {
        Message prototype = BY_NAME.get(manifest);
        return prototype == null ? Optional.empty() : Optional.of(prototype.getParserForType());
    }

    /** All registered messages' Java classes (bound to {@link ProtobufJournalSerializer} in reference.conf). */
    public static List<Class<? extends Message>> classes() {
        return BY_NAME.values().stream().<Class<? extends Message>>map(Message::getClass).toList();
    }

    /** All registered full names. */
    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    private static Map<String, Message> index(List<Message> prototypes) {
        Map<String, Message> m = new LinkedHashMap<>();
        for (Message p : prototypes) {
            m.put(manifest(p), p);
        }
        return Map.copyOf(m);
    }
}
