package dev.ferry.saga.engine;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many due sagas an engine's workers claim at once. It starts at the configured batch size and
 * doubles, up to eight times that size (at most 100), after each claim that came back full and whose
 * sagas were all worked through within a quarter of the lease: a deep backlog of quick steps then
 * costs one claim per many sagas. A claim that comes back short, or a batch that took longer, sets it
 * back to the configured size, so that a small burst is still shared among the workers and slow
 * steps never hold many unworked sagas under one ageing lease.
 */
final class ClaimSize {

    static final int GROWTH = 8;
    static final int MAX = 100;

    private final int base;
    private final int max;
    private final Duration quickBatch;
    private final AtomicInteger next;

    /**
     * @param base the configured batch size, 1 to {@link #MAX} (checked by {@code SagaSettings})
     * @param lease the lease a claim takes
     */
    ClaimSize(int base, Duration lease) {
        this.base = base;
        this.max = Math.min(MAX, base * GROWTH);
        this.quickBatch = lease.dividedBy(4);
        this.next = new AtomicInteger(base);
    }

    /** @return how many sagas the next claim asks for */
    int next() {
        return next.get();
    }

    /**
     * @param asked what the claim asked for
     * @param claimed what it got
     * @param worked how long working through the claimed sagas took
     */
    void after(int asked, int claimed, Duration worked) {
        if (claimed >= asked && worked.compareTo(quickBatch) < 0) {
            next.set(Math.min(max, asked * 2));
        } else {
            next.set(base);
        }
    }
}
