package org.cim2pq.persistence.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.cim2pq.persistence.proto.Provenance;
import org.junit.jupiter.api.Test;

/**
 * Persist protobuf events with one ActorSystem, terminate it, and recover exactly those events in a new one:
 * the same contract for every journal plugin cim2pq supports.
 */
abstract class JournalRecoveryContract {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** The journal under test; prepared (server reachable, tables created) by the implementation. */
    abstract Config journal();

    /** Runs once per ActorSystem before the ledger is used (e.g. creating JDBC tables). */
    void prepare(ActorSystem<?> system) throws Exception {}

    @Test
    void eventsPersistedBeforeTerminationAreRecoveredExactly() throws Exception {
        String id = getClass().getSimpleName() + "-" + System.nanoTime();
        List<Provenance> written = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            written.add(Provenance.newBuilder().setModel("lenet5").setDataset("fashion-mnist").setSeed(40 + i)
                    .setCodeVersion("smoke").build());
        }

        ActorSystem<SpawnProtocol.Command> first = start();
        try {
            ActorRef<ProvenanceLedger.Command> ledger = spawnLedger(first, id);
            for (int i = 0; i < written.size(); i++) {
                Provenance p = written.get(i);
                int count = AskPattern.<ProvenanceLedger.Command, Integer>ask(ledger,
                        replyTo -> new ProvenanceLedger.Record(p, replyTo), TIMEOUT, first.scheduler())
                        .toCompletableFuture().get();
                assertEquals(i + 1, count);
            }
        } finally {
            stop(first);
        }

        ActorSystem<SpawnProtocol.Command> second = start();
        try {
            ActorRef<ProvenanceLedger.Command> ledger = spawnLedger(second, id);
            List<Provenance> recovered = AskPattern.<ProvenanceLedger.Command, List<Provenance>>ask(ledger,
                    ProvenanceLedger.GetAll::new, TIMEOUT, second.scheduler()).toCompletableFuture().get();
            assertEquals(written, recovered);
        } finally {
            stop(second);
        }
    }

    private ActorSystem<SpawnProtocol.Command> start() throws Exception {
        ActorSystem<SpawnProtocol.Command> system =
                ActorSystem.create(SpawnProtocol.create(), "journal-test", journal().withFallback(ConfigFactory.load()));
        try {
            prepare(system);
        } catch (Exception e) {
            stop(system);
            throw e;
        }
        return system;
    }

    private static ActorRef<ProvenanceLedger.Command> spawnLedger(ActorSystem<SpawnProtocol.Command> system,
            String id) throws Exception {
        return AskPattern.<SpawnProtocol.Command, ActorRef<ProvenanceLedger.Command>>ask(system,
                replyTo -> new SpawnProtocol.Spawn<>(ProvenanceLedger.create(id), "ledger", Props.empty(), replyTo),
                TIMEOUT, system.scheduler()).toCompletableFuture().get();
    }

    // Terminate in finally: a failed recovery would otherwise leave the ActorSystem keeping the JVM alive.
    private static void stop(ActorSystem<?> system) throws Exception {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get();
    }
}
