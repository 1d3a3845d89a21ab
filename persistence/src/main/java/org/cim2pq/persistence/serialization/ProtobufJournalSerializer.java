package org.cim2pq.persistence.serialization;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import java.io.NotSerializableException;
import org.apache.pekko.serialization.SerializerWithStringManifest;

/**
 * Pekko serializer for cim2pq's protobuf messages (events, snapshots, wire messages). The manifest is the
 * protobuf full name (see {@link JournalMessages}); an unknown manifest is a journal written by a newer or
 * different version, reported as such rather than guessed at.
 */
public final class ProtobufJournalSerializer extends SerializerWithStringManifest {

    /** Pekko serializer id; fixed forever because it is stored with every journaled event. */
    public static final int IDENTIFIER = 1_733_202_407;

    @Override
    public int identifier() {
        return IDENTIFIER;
    }

    @Override
    public String manifest(Object o) {
        return JournalMessages.manifest(asMessage(o));
    }

    @Override
    public byte[] toBinary(Object o) {
        return asMessage(o).toByteArray();
    }

    @Override
    public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
        var parser = JournalMessages.parser(manifest).orElseThrow(() -> new NotSerializableException(
                "unknown journal message type '" + manifest + "' (written by another cim2pq version?)"));
        try {
            return parser.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new NotSerializableException("damaged " + manifest + " (" + bytes.length + " bytes): "
                    + e.getMessage());
        }
    }

    private static Message asMessage(Object o) {
        if (o instanceof Message m && JournalMessages.parser(JournalMessages.manifest(m)).isPresent()) {
            return m;
        }
        throw new IllegalArgumentException("not a cim2pq journal message: " + o.getClass().getName());
    }
}
