package dev.ferry.outbox.relay;

import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A thread pool of the relay's, made when first used and made again when used after
 * {@link #close()}: a relay that is stopped leaves no thread behind (an undeployed application), and
 * one started again gets new ones. Thread-safe.
 */
final class RestartableExecutor {

    /** Waited for at most, at {@link #close()}, for the pool's work to end. */
    private static final long CLOSE_WAIT_MILLIS = 1_000;

    private final Supplier<ThreadPoolExecutor> make;
    private ThreadPoolExecutor pool;

    /** @param make makes the pool, when first used and after each {@link #close()} */
    RestartableExecutor(Supplier<ThreadPoolExecutor> make) {
        this.make = make;
    }

    /** @return the pool, made now if there is none */
    synchronized ThreadPoolExecutor get() {
        if (pool == null) {
            pool = make.get();
        }
        return pool;
    }

    /**
     * Shuts the pool down, lets the work it was given end (waiting up to a second), and ends its
     * threads; the next {@link #get()} makes a new pool.
     */
    void close() {
        ThreadPoolExecutor closing;
        synchronized (this) {
            closing = pool;
            pool = null;
        }
        if (closing == null) {
            return;
        }
        closing.shutdown();
        try {
            closing.awaitTermination(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
