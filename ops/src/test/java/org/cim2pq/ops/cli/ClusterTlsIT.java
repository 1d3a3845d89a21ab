package org.cim2pq.ops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Artery TLS by configuration, tried once: a node whose remoting is mutual TLS (a keystore made here with the JDK's
 * keytool, the operator's configuration given as {@code -Dconfig.file}) answers {@code cluster status} from a client
 * with the same configuration, and not one that speaks plain TCP.
 */
@Tag("cassandra")
class ClusterTlsIT {

    @Test
    void aTlsNodeAnswersATlsClientOnly(@TempDir Path dir) throws Exception {
        Path keystore = dir.resolve("node.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "cim2pq", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=cim2pq-test",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", "changeit",
                "-keypass", "changeit").redirectErrorStream(true).start();
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0,
                new String(keytool.getInputStream().readAllBytes()));
        Path conf = dir.resolve("tls.conf");
        Files.writeString(conf, "pekko.remote.artery {\n  transport = tls-tcp\n  ssl.config-ssl-engine {\n"
                + "    key-store = \"" + keystore + "\"\n    trust-store = \"" + keystore + "\"\n"
                + "    key-store-password = \"changeit\"\n    key-password = \"changeit\"\n"
                + "    trust-store-password = \"changeit\"\n    protocol = \"TLSv1.3\"\n"
                + "    enabled-algorithms = [\"TLS_AES_256_GCM_SHA384\", \"TLS_AES_128_GCM_SHA256\"]\n"
                + "    require-mutual-authentication = on\n  }\n}\n");
        List<String> tls = List.of("-Xmx512m", "-Dconfig.file=" + conf);
        int port = org.cim2pq.ops.cluster.LoopbackPorts.free(1)[0];
        Process node = ForkedCli.start(dir.resolve("node"), Map.of(), tls, "node", "--bind", "127.0.0.1:" + port,
                "--journal", "cassandra", "--cassandra", CassandraSearchCommandIT.contactPoint(), "--pipelines", "1",
                "--metrics", "off", "--data-dir", dir.resolve("node-data").toString());
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (!Files.exists(dir.resolve("node/out")) || !Files.readString(dir.resolve("node/out")).contains(": up")) {
                assertTrue(node.isAlive() && System.nanoTime() < deadline, () -> "node not up: "
                        + ClusterIT.read(dir.resolve("node/err")));
                Thread.sleep(250);
            }
            ForkedCli.Result status = ForkedCli.run(dir.resolve("tls-client"), Map.of(), tls, 60, "cluster", "status",
                    "--cluster", "127.0.0.1:" + port);
            assertEquals(0, status.exit(), status.err());
            assertTrue(status.out().contains("pekko://cim2pq@127.0.0.1:" + port + "  Up"), status.out());

            ForkedCli.Result plain = ForkedCli.run(dir.resolve("plain-client"), Map.of(), List.of("-Xmx256m"), 60,
                    "cluster", "status", "--cluster", "127.0.0.1:" + port);
            assertNotEquals(0, plain.exit(), plain.out());
            assertTrue(plain.err().contains("did not answer"), plain.err());
        } finally {
            node.destroyForcibly().waitFor();
        }
    }
}
