package org.cim2pq.actors.evaluation;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.NotSerializableException;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.SerializerWithStringManifest;
import org.cim2pq.persistence.proto.EvaluationFailed;
import org.cim2pq.persistence.event.SearchEventCodec;
import org.cim2pq.persistence.proto.StrategyEvaluated;
import org.cim2pq.persistence.proto.SubmitEvaluation;
import org.cim2pq.persistence.proto.WorkAssigned;
import org.cim2pq.persistence.proto.WorkCompleted;
import org.cim2pq.persistence.proto.WorkFailed;
import org.cim2pq.persistence.proto.WorkRequest;

/**
 * Serializes the evaluation protocol ({@link EvaluationQueue.Wire}) as the protobuf messages of
 * {@code search_events.proto}, actor references as their resolvable string form. Manifests are short fixed names,
 * independent of Java class names.
 */
public final class EvaluationProtocolSerializer extends SerializerWithStringManifest {

    /** Pekko serializer id; fixed forever. */
    public static final int IDENTIFIER = 1_733_202_408;

    private final ActorRefResolver resolver;

    public EvaluationProtocolSerializer(ExtendedActorSystem system) {
        this.resolver = ActorRefResolver.get(Adapter.toTyped(system));
    }

    @Override
    public int identifier() {
        return IDENTIFIER;
    }

    @Override
    public String manifest(Object o) {
        if (o instanceof EvaluationQueue.Submit) {
            return "Submit";
        } else if (o instanceof EvaluationQueue.RequestWork) {
            return "RequestWork";
        } else if (o instanceof EvaluationQueue.Work) {
            return "Work";
        } else if (o instanceof EvaluationQueue.Completed) {
            return "Completed";
        } else if (o instanceof EvaluationQueue.JobFailed) {
            return "JobFailed";
        } else if (o instanceof EvaluationQueue.Evaluated) {
            return "Evaluated";
        } else if (o instanceof EvaluationQueue.Failed) {
            return "Failed";
        }
        throw new IllegalArgumentException("not an evaluation protocol message: " + o.getClass().getName());
    }

    @Override
    public byte[] toBinary(Object o) {
        if (o instanceof EvaluationQueue.Submit m) {
            return SubmitEvaluation.newBuilder().setJob(m.job()).setReplyTo(resolver.toSerializationFormat(m.replyTo()))
                    .build().toByteArray();
        } else if (o instanceof EvaluationQueue.RequestWork m) {
            return WorkRequest.newBuilder().setPipeline(resolver.toSerializationFormat(m.pipeline())).build().toByteArray();
        } else if (o instanceof EvaluationQueue.Work m) {
            return WorkAssigned.newBuilder().setJob(m.job()).build().toByteArray();
        } else if (o instanceof EvaluationQueue.Completed m) {
            return WorkCompleted.newBuilder().setJob(m.job()).setResult(result(m.job().getStrategyId(), m.outcome(),
                    m.job().getAttempt(), m.evaluator(), m.nanos())).build().toByteArray();
        } else if (o instanceof EvaluationQueue.JobFailed m) {
            return WorkFailed.newBuilder().setJob(m.job()).setReason(m.reason()).build().toByteArray();
        } else if (o instanceof EvaluationQueue.Evaluated m) {
            return result(m.strategyId(), m.outcome(), m.attempt(), m.evaluator(), m.nanos()).toByteArray();
        } else if (o instanceof EvaluationQueue.Failed m) {
            return EvaluationFailed.newBuilder().setStrategyId(m.strategyId()).setReason(m.reason())
                    .setAttempts(m.attempts()).build().toByteArray();
        }
        throw new IllegalArgumentException("not an evaluation protocol message: " + o.getClass().getName());
    }

    @Override
    public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
        try {
            switch (manifest) {
                case "Submit": {
                    SubmitEvaluation m = SubmitEvaluation.parseFrom(bytes);
                    return new EvaluationQueue.Submit(m.getJob(), ref(m.getReplyTo()));
                }
                case "RequestWork":
                    return new EvaluationQueue.RequestWork(ref(WorkRequest.parseFrom(bytes).getPipeline()));
                case "Work":
                    return new EvaluationQueue.Work(WorkAssigned.parseFrom(bytes).getJob());
                case "Completed": {
                    WorkCompleted m = WorkCompleted.parseFrom(bytes);
                    return new EvaluationQueue.Completed(m.getJob(), outcome(m.getResult()), m.getResult().getEvaluator(),
                            m.getResult().getEvaluationNanos());
                }
                case "JobFailed": {
                    WorkFailed m = WorkFailed.parseFrom(bytes);
                    return new EvaluationQueue.JobFailed(m.getJob(), m.getReason());
                }
                case "Evaluated": {
                    StrategyEvaluated m = StrategyEvaluated.parseFrom(bytes);
                    return new EvaluationQueue.Evaluated(m.getStrategyId(), outcome(m), m.getAttempt(), m.getEvaluator(),
                            m.getEvaluationNanos());
                }
                case "Failed": {
                    EvaluationFailed m = EvaluationFailed.parseFrom(bytes);
                    return new EvaluationQueue.Failed(m.getStrategyId(), m.getReason(), m.getAttempts());
                }
                default:
                    throw new NotSerializableException("unknown evaluation protocol message '" + manifest + "'");
            }
        } catch (InvalidProtocolBufferException e) {
            throw new NotSerializableException("damaged " + manifest + ": " + e.getMessage());
        }
    }

    private <T> ActorRef<T> ref(String serialized) {
        return resolver.resolveActorRef(serialized);
    }

    /** A result on the wire is the journal's StrategyEvaluated, built by the one codec. */
    private static StrategyEvaluated result(String strategyId, EvaluationOutcome outcome, int attempt, String evaluator,
            long nanos) {
        return SearchEventCodec.encodeResult(
                new EvaluationQueue.Evaluated(strategyId, outcome, attempt, evaluator, nanos).event());
    }

    private static EvaluationOutcome outcome(StrategyEvaluated r) {
        Map<String, Double> metrics = new TreeMap<>(r.getMetricsMap());
        return new EvaluationOutcome(r.getObjectivesList().stream().mapToDouble(Double::doubleValue).toArray(), metrics);
    }
}
