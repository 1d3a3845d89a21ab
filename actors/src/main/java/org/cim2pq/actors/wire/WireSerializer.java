package org.cim2pq.actors.wire;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.NotSerializableException;
import java.util.Map;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.SerializerWithStringManifest;
import org.cim2pq.actors.cluster.ClusterFront;
import org.cim2pq.actors.evaluation.EvaluationQueue;
import org.cim2pq.actors.search.SearchActor;

/**
 * Serializes every {@link WireMessage} as its protobuf form; reads it back through {@link #PARSERS}, one line per
 * manifest. Bound to {@code WireMessage} in reference.conf.
 */
public final class WireSerializer extends SerializerWithStringManifest {

    /** Pekko serializer id; fixed forever (the id the evaluation protocol had since it became protobuf). */
    public static final int IDENTIFIER = 1_733_202_408;

    /** Reads one manifest's bytes back into its message. */
    @FunctionalInterface
    public interface Parser {
        WireMessage parse(byte[] bytes, ActorRefResolver refs) throws InvalidProtocolBufferException;
    }

    /** Manifest -> parser: the only place that knows every wire message. */
    static final Map<String, Parser> PARSERS = Map.ofEntries(
            Map.entry(EvaluationQueue.Submit.MANIFEST, EvaluationQueue.Submit::parse),
            Map.entry(EvaluationQueue.RequestWork.MANIFEST, EvaluationQueue.RequestWork::parse),
            Map.entry(EvaluationQueue.Work.MANIFEST, EvaluationQueue.Work::parse),
            Map.entry(EvaluationQueue.Completed.MANIFEST, EvaluationQueue.Completed::parse),
            Map.entry(EvaluationQueue.JobFailed.MANIFEST, EvaluationQueue.JobFailed::parse),
            Map.entry(EvaluationQueue.Evaluated.MANIFEST, EvaluationQueue.Evaluated::parse),
            Map.entry(EvaluationQueue.Failed.MANIFEST, EvaluationQueue.Failed::parse),
            Map.entry(SearchActor.Start.MANIFEST, SearchActor.Start::parse),
            Map.entry(SearchActor.GetProgress.MANIFEST, SearchActor.GetProgress::parse),
            Map.entry(SearchActor.Stop.MANIFEST, SearchActor.Stop::parse),
            Map.entry(SearchActor.Progress.MANIFEST, SearchActor.Progress::parse),
            Map.entry(SearchActor.DescribeWork.MANIFEST, SearchActor.DescribeWork::parse),
            Map.entry(SearchActor.WorkOffer.MANIFEST, SearchActor.WorkOffer::parse),
            Map.entry(ClusterFront.Submit.MANIFEST, ClusterFront.Submit::parse),
            Map.entry(ClusterFront.GetProgress.MANIFEST, ClusterFront.GetProgress::parse),
            Map.entry(ClusterFront.GetFront.MANIFEST, ClusterFront.GetFront::parse),
            Map.entry(ClusterFront.Front.MANIFEST, ClusterFront.Front::parse),
            Map.entry(ClusterFront.GetStatus.MANIFEST, ClusterFront.GetStatus::parse),
            Map.entry(ClusterFront.Status.MANIFEST, ClusterFront.Status::parse));

    private final ActorRefResolver refs;

    public WireSerializer(ExtendedActorSystem system) {
        this.refs = ActorRefResolver.get(Adapter.toTyped(system));
    }

    @Override
    public int identifier() {
        return IDENTIFIER;
    }

    @Override
    public String manifest(Object o) {
        return wire(o).manifest();
    }

    @Override
    public byte[] toBinary(Object o) {
        return wire(o).toProto(refs).toByteArray();
    }

    @Override
    public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
        Parser parser = PARSERS.get(manifest);
        if (parser == null) {
            throw new NotSerializableException("unknown wire message '" + manifest + "'");
        }
        try {
            return parser.parse(bytes, refs);
        } catch (InvalidProtocolBufferException e) {
            throw new NotSerializableException("damaged " + manifest + ": " + e.getMessage());
        }
    }

    private static WireMessage wire(Object o) {
        if (o instanceof WireMessage m) {
            return m;
        }
        throw new IllegalArgumentException("not a wire message: " + o.getClass().getName());
    }
}
