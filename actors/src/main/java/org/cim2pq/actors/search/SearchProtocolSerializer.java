package org.cim2pq.actors.search;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.NotSerializableException;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.SerializerWithStringManifest;
import org.cim2pq.persistence.proto.SearchProgress;
import org.cim2pq.persistence.proto.SearchProgressRequest;
import org.cim2pq.persistence.proto.SearchStopRequest;

/** Serializes a SearchActor's public commands and replies ({@link SearchActor.Wire}) as protobuf. */
public final class SearchProtocolSerializer extends SerializerWithStringManifest {

    /** Pekko serializer id; fixed forever. */
    public static final int IDENTIFIER = 1_733_202_409;

    private final ActorRefResolver resolver;

    public SearchProtocolSerializer(ExtendedActorSystem system) {
        this.resolver = ActorRefResolver.get(Adapter.toTyped(system));
    }

    @Override
    public int identifier() {
        return IDENTIFIER;
    }

    @Override
    public String manifest(Object o) {
        if (o instanceof SearchActor.GetProgress) {
            return "GetProgress";
        } else if (o instanceof SearchActor.Stop) {
            return "Stop";
        } else if (o instanceof SearchActor.Progress) {
            return "Progress";
        }
        throw new IllegalArgumentException("not a search protocol message: " + o.getClass().getName());
    }

    @Override
    public byte[] toBinary(Object o) {
        if (o instanceof SearchActor.GetProgress m) {
            return SearchProgressRequest.newBuilder().setReplyTo(resolver.toSerializationFormat(m.replyTo())).build()
                    .toByteArray();
        } else if (o instanceof SearchActor.Stop) {
            return SearchStopRequest.getDefaultInstance().toByteArray();
        } else if (o instanceof SearchActor.Progress p) {
            return SearchProgress.newBuilder().setSearchId(p.searchId()).setGeneration(p.generation())
                    .setGenerations(p.generations()).setBirths(p.births()).setResolvedBirths(p.resolvedBirths())
                    .setEvaluations(p.evaluations()).setFailed(p.failed()).setFrontSize(p.frontSize())
                    .setHypervolume(p.hypervolume()).setCompleted(p.completed()).addAllFront(p.front())
                    .setRefused(p.refused() == null ? "" : p.refused()).build().toByteArray();
        }
        throw new IllegalArgumentException("not a search protocol message: " + o.getClass().getName());
    }

    @Override
    public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
        try {
            switch (manifest) {
                case "GetProgress":
                    return new SearchActor.GetProgress(resolver.resolveActorRef(
                            SearchProgressRequest.parseFrom(bytes).getReplyTo()));
                case "Stop":
                    SearchStopRequest.parseFrom(bytes);
                    return new SearchActor.Stop();
                case "Progress": {
                    SearchProgress p = SearchProgress.parseFrom(bytes);
                    return new SearchActor.Progress(p.getSearchId(), p.getGeneration(), p.getGenerations(), p.getBirths(),
                            p.getResolvedBirths(), p.getEvaluations(), p.getFailed(), p.getFrontSize(), p.getHypervolume(),
                            p.getCompleted(), p.getFrontList(), p.getRefused().isEmpty() ? null : p.getRefused());
                }
                default:
                    throw new NotSerializableException("unknown search protocol message '" + manifest + "'");
            }
        } catch (InvalidProtocolBufferException e) {
            throw new NotSerializableException("damaged " + manifest + ": " + e.getMessage());
        }
    }
}
