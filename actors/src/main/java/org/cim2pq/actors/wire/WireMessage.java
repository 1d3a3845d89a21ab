package org.cim2pq.actors.wire;

import com.google.protobuf.Message;
import org.apache.pekko.actor.typed.ActorRefResolver;

/**
 * A message that may cross nodes: it names its manifest (a short fixed name, independent of Java class names, that
 * {@link WireSerializer}'s table maps back to a parser) and builds its protobuf form, actor references as their
 * resolvable strings. Never Java serialization.
 */
public interface WireMessage {

    /** The manifest: fixed forever once a cluster runs it. */
    String manifest();

    /** The protobuf form. */
    Message toProto(ActorRefResolver refs);
}
