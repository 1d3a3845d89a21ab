package org.cim2pq.persistence.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Descriptors;
import com.google.protobuf.Message;
import java.io.NotSerializableException;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializers;
import org.cim2pq.persistence.proto.ProvenanceOuterClass;
import org.cim2pq.persistence.proto.SearchEvents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every schema message is registered, bound to our serializer in reference.conf, and round-trips through Pekko. */
class ProtobufJournalSerializerTest {

    static ActorSystem<Void> system;

    @BeforeAll
    static void start() {
        system = ActorSystem.create(Behaviors.empty(), "serialization-test");
    }

    @AfterAll
    static void stop() {
        system.terminate();
    }

    @Test
    void everySchemaMessageIsRegistered() {
        Set<String> declared = new HashSet<>();
        for (Descriptors.FileDescriptor file : new Descriptors.FileDescriptor[] {
                SearchEvents.getDescriptor(), ProvenanceOuterClass.getDescriptor()}) {
            file.getMessageTypes().forEach(d -> declared.add(d.getFullName()));
        }
        assertEquals(declared, Set.copyOf(JournalMessages.names()));
        assertEquals(declared, SampleEvents.all().stream().map(JournalMessages::manifest).collect(Collectors.toSet()),
                "SampleEvents must cover every message (the fixtures are made from it)");
    }

    @Test
    void everyMessageUsesOurSerializerAndRoundTrips() throws Exception {
        Serialization serialization = SerializationExtension.get(system);
        for (Message m : SampleEvents.all()) {
            var serializer = serialization.findSerializerFor(m);
            assertInstanceOf(ProtobufJournalSerializer.class, serializer, m.getClass().getName());
            String manifest = Serializers.manifestFor(serializer, m);
            assertEquals("cim2pq.v1." + m.getClass().getSimpleName(), manifest);
            byte[] bytes = serialization.serialize(m).get();
            Object back = serialization.deserialize(bytes, serializer.identifier(), manifest).get();
            assertEquals(m, back);
        }
    }

    @Test
    void unknownManifestAndDamagedBytesAreNamedErrors() {
        ProtobufJournalSerializer s = new ProtobufJournalSerializer();
        var unknown = assertThrows(NotSerializableException.class, () -> s.fromBinary(new byte[0], "cim2pq.v9.X"));
        assertTrue(unknown.getMessage().contains("cim2pq.v9.X"), unknown.getMessage());
        var damaged = assertThrows(NotSerializableException.class,
                () -> s.fromBinary(new byte[] {(byte) 0xFF, 0x01}, "cim2pq.v1.SearchStarted"));
        assertTrue(damaged.getMessage().startsWith("damaged cim2pq.v1.SearchStarted"), damaged.getMessage());
    }
}
