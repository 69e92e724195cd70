package dev.ferry.outbox.relay;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Ends a relay's spans and records its metrics on a thread of its own, while the relay thread that
 * handed them over commits the batch and claims the next: the relay's round trips to the database
 * do not wait for the telemetry's work. At most {@value #QUEUED} batches' work waits; past that the
 * relay thread does its batch's work itself, so a lagging lane slows the relay instead of holding
 * more and more spans. Thread-safe.
 */
final class TelemetryLane {

    /** How many pieces of work may wait for the lane's thread. */
    static final int QUEUED = 64;
    /** An idle lane's thread ends after this long; a relay that keeps publishing keeps it. */
    private static final long KEEP_ALIVE_SECONDS = 5;
    private final RestartableExecutor lane;

    /**
     * @param threadFactory makes the lane's thread (a container's managed thread factory in a server)
     * @param relayId the relay's id, in the thread's name
     */
    TelemetryLane(ThreadFactory threadFactory, String relayId) {
        ThreadFactory named = r -> {
            Thread t = threadFactory.newThread(r);
            t.setName("ferry-telemetry-" + relayId);
            return t;
        };
        this.lane = new RestartableExecutor(() -> {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS,
                    new ArrayBlockingQueue<>(QUEUED), named, (work, full) -> work.run());
            pool.allowCoreThreadTimeOut(true);
            return pool;
        });
    }

    /**
     * Runs {@code work} on the lane's thread, or on the calling thread when {@value #QUEUED} pieces of
     * work already wait or the lane is closing.
     *
     * @param work telemetry work that needs nothing from the calling thread
     */
    void run(Runnable work) {
        lane.get().execute(work); // refused (full, or closing): the executor's handler runs it here
    }

    /**
     * Does the waiting work (up to a second) and ends the lane's thread; the next {@link #run} makes a
     * new one.
     */
    void close() {
        lane.close();
    }
}
