package dev.ferry.outbox.relay;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Where a relay's search for due heads may start, so that a claim does not walk the index entries
 * of every message deleted since the database last vacuumed the table (on PostgreSQL a claim's cost
 * would otherwise grow with the messages published since the last vacuum).
 *
 * <p>Sequence numbers are taken when a message is written, but transactions commit in any order,
 * so the floor is never above a message claimed at least one interval ago: a message whose
 * transaction commits within an interval of writing it lies above the floor in force when it
 * commits. Messages this relay failed to publish keep the floor at or below them until the next
 * search from the start. Anything else below the floor (a message whose transaction took longer,
 * one scheduled for later, another relay's retry) is found by the search from the start that one
 * claim per interval makes, at most one interval after it is due. Order per key does not depend on
 * the floor: whether an earlier message of the key is waiting is always asked
 * of the whole table.
 *
 * <p>Thread-safe: the relay's threads share one floor.
 */
final class ScanFloor {

    /** The floor that searches the whole table. */
    static final long FROM_START = Long.MIN_VALUE;

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private long floor = FROM_START;
    private long candidate;
    private long candidateSince;
    private boolean hasCandidate;
    private long lastFullSearch;
    private long retryFloor = Long.MAX_VALUE;

    /**
     * @param interval how long the floor trails what was seen, and how often a search starts from
     *     the beginning
     * @param nanoTime the monotonic clock
     */
    ScanFloor(Duration interval, LongSupplier nanoTime) {
        this.intervalNanos = Math.max(1, interval.toNanos());
        this.nanoTime = nanoTime;
        this.lastFullSearch = nanoTime.getAsLong();
    }

    /** @return the lowest sequence number the next claim needs to look at ({@link #FROM_START} for all) */
    synchronized long next() {
        long now = nanoTime.getAsLong();
        if (now - lastFullSearch >= intervalNanos) {
            lastFullSearch = now;
            retryFloor = Long.MAX_VALUE;
            return FROM_START;
        }
        return Math.min(floor, retryFloor);
    }

    /**
     * Keeps the floor at or below a message that is to be published again, until the next search
     * from the start.
     *
     * @param seq the sequence number of a message whose publication failed
     */
    synchronized void retrying(long seq) {
        retryFloor = Math.min(retryFloor, seq);
    }

    /**
     * Records the lowest sequence number a claim took. The lowest of those recorded within an
     * interval becomes the floor when the interval has passed.
     *
     * @param seq the lowest sequence number of a claimed batch
     */
    synchronized void claimed(long seq) {
        long now = nanoTime.getAsLong();
        if (hasCandidate && now - candidateSince >= intervalNanos) {
            floor = Math.max(floor, candidate);
            hasCandidate = false;
        }
        if (!hasCandidate) {
            candidate = seq;
            candidateSince = now;
            hasCandidate = true;
        } else {
            candidate = Math.min(candidate, seq);
        }
    }
}
