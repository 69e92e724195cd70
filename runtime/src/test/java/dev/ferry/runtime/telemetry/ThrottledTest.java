package dev.ferry.runtime.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Figures read at most once per interval; a slow read kept for longer, in proportion to its time. */
class ThrottledTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(1_000 * SECOND);
    private final AtomicInteger reads = new AtomicInteger();
    /** How long the next read takes, on {@link #now}. */
    private final AtomicLong readTakes = new AtomicLong();

    private final Throttled<Integer> figures = new Throttled<>(() -> {
        now.addAndGet(readTakes.get());
        return reads.incrementAndGet();
    }, 5 * SECOND, now::get);

    @Test
    void aQuickReadIsKeptForTheInterval() throws Exception {
        readTakes.set(SECOND / 100);
        assertEquals(1, figures.get());
        now.addAndGet(4 * SECOND);
        assertEquals(1, figures.get(), "read less than 5 s ago");
        now.addAndGet(SECOND);
        assertEquals(2, figures.get(), "5 s after the last read began");
    }

    @Test
    void aSlowReadIsKeptFiftyTimesAsLongAsItTook() throws Exception {
        readTakes.set(SECOND / 2); // a count over a large backlog
        assertEquals(1, figures.get());
        now.addAndGet(24 * SECOND);
        assertEquals(1, figures.get(), "25 s = 50 × 0.5 s after the read began: not yet");
        now.addAndGet(SECOND / 2);
        assertEquals(2, figures.get());

        readTakes.set(SECOND / 100); // the backlog is gone: the interval applies again
        now.addAndGet(25 * SECOND);
        assertEquals(3, figures.get());
        now.addAndGet(5 * SECOND);
        assertEquals(4, figures.get());
    }

    @Test
    void noValueIsKeptLongerThanAMinute() throws Exception {
        readTakes.set(10 * SECOND); // 50 × 10 s would be more than 8 minutes
        assertEquals(1, figures.get());
        now.addAndGet(49 * SECOND);
        assertEquals(1, figures.get());
        now.addAndGet(SECOND);
        assertEquals(2, figures.get(), "60 s after the read began");
    }

    @Test
    void aFailedReadIsNotKept() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Throttled<Integer> failing = new Throttled<>(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("database down");
            }
            return calls.get();
        }, 5 * SECOND, now::get);
        assertThrows(IllegalStateException.class, failing::get);
        assertEquals(2, failing.get(), "tried again at once");
        assertEquals(2, failing.get());
    }
}
