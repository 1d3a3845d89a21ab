package org.cim2pq.persistence.journal;

import com.typesafe.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pekko.actor.typed.ActorSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default journal: pekko-persistence-jdbc on a real H2 file that outlives the ActorSystem. */
class EmbeddedJournalRecoveryTest extends JournalRecoveryContract {

    @TempDir
    Path dir;

    @Override
    Config journal() {
        return JournalConfig.embedded(dir);
    }

    @Override
    void prepare(ActorSystem<?> system) throws Exception {
        new JournalFile(dir).create();
    }

    @Test
    @Override
    void eventsPersistedBeforeTerminationAreRecoveredExactly() throws Exception {
        super.eventsPersistedBeforeTerminationAreRecoveredExactly();
        // The events were on disk, not in memory: the H2 file is there after both systems stopped.
        if (!Files.exists(dir.resolve("journal.mv.db"))) {
            throw new AssertionError("no H2 journal file in " + dir);
        }
    }
}
