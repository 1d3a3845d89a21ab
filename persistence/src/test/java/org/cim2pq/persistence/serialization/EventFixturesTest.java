package org.cim2pq.persistence.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Message;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Old events stay readable: binary fixtures of every journal message, written once by this version and committed
 * under {@code src/test/resources/fixtures/v1/}, must keep decoding to the same values. Regenerate only for a new
 * message type ({@code -Dcim2pq.fixtures.write=true}); never overwrite an existing fixture.
 */
class EventFixturesTest {

    static final String DIR = "fixtures/v1/";

    @Test
    void committedFixturesOfEveryMessageStillDecode() throws Exception {
        ProtobufJournalSerializer serializer = new ProtobufJournalSerializer();
        for (Message expected : SampleEvents.all()) {
            String manifest = JournalMessages.manifest(expected);
            String name = DIR + manifest + ".bin";
            if (Boolean.getBoolean("cim2pq.fixtures.write")) {
                Path file = Path.of("src/test/resources", name);
                if (!Files.exists(file)) {
                    Files.createDirectories(file.getParent());
                    Files.write(file, expected.toByteArray());
                }
            }
            byte[] stored;
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(name)) {
                Path source = Path.of("src/test/resources", name);
                if (in == null && Boolean.getBoolean("cim2pq.fixtures.write")) {
                    stored = Files.readAllBytes(source); // written just now, not yet on the class path
                } else {
                    assertTrue(in != null, "missing fixture " + name + " (write it with -Dcim2pq.fixtures.write=true)");
                    stored = in.readAllBytes();
                }
            }
            assertEquals(expected, serializer.fromBinary(stored, manifest), name);
        }
    }
}
