package org.cim2pq.ops.search;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C (or SIGTERM) while a command follows a search: the flag tells the command to stop following, and the JVM's
 * shutdown waits (a bounded time) until the command has ended in order ({@link #close}).
 */
final class Interruption implements AutoCloseable {

    private final AtomicBoolean interrupted = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    Interruption(String name, int waitSeconds) {
        hook = new Thread(() -> {
            interrupted.set(true);
            try {
                finished.await(waitSeconds, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    AtomicBoolean flag() {
        return interrupted;
    }

    /** The command has ended: the shutdown may go on. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C: the hook is running and waits for us
        }
    }
}
