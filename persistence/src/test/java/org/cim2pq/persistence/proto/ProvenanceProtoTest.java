package org.cim2pq.persistence.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.google.protobuf.util.JsonFormat;
import org.junit.jupiter.api.Test;

/** The protoc-generated classes round-trip through the binary and the JSON mapping. */
class ProvenanceProtoTest {

    static Provenance sample() {
        return Provenance.newBuilder()
                .setModel("resnet8").setModelFingerprint("sha256:0f3a")
                .setDataset("fashion-mnist").setDataFingerprint("sha256:77c1")
                .setSeed(0xFFFF_FFFF_FFFFL).setConfig("{\"population\":24}")
                .setCodeVersion("0.1.0-SNAPSHOT+abc").build();
    }

    @Test
    void binaryRoundTripKeepsEveryField() throws Exception {
        Provenance p = sample();
        byte[] bytes = p.toByteArray();
        Provenance back = Provenance.parseFrom(bytes);
        assertEquals(p, back);
        assertEquals(0xFFFF_FFFF_FFFFL, back.getSeed());
        assertNotEquals(p, back.toBuilder().setSeed(1).build());
    }

    @Test
    void jsonRoundTripKeepsEveryField() throws Exception {
        Provenance p = sample();
        String json = JsonFormat.printer().print(p);
        Provenance.Builder back = Provenance.newBuilder();
        JsonFormat.parser().merge(json, back);
        assertEquals(p, back.build());
    }
}
