package dev.ferry.outbox.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ScanFloorTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(0);
    private final ScanFloor floor = new ScanFloor(Duration.ofSeconds(1), now::get);

    @Test
    void searchesFromTheStartUntilAClaimIsAnIntervalOld() {
        assertEquals(ScanFloor.FROM_START, floor.next());
        floor.claimed(100);
        now.set(SECOND / 2);
        floor.claimed(150);
        assertEquals(ScanFloor.FROM_START, floor.next(), "the claims are younger than an interval");
    }

    @Test
    void theFloorIsTheLowestMessageClaimedInAnIntervalThatEnded() {
        floor.claimed(100);
        now.set(SECOND / 4);
        floor.claimed(90);
        now.set(SECOND / 2);
        floor.claimed(200);
        now.set(SECOND + SECOND / 10);
        assertEquals(ScanFloor.FROM_START, floor.next(), "the search from the start of the second interval");
        floor.claimed(300);
        now.set(SECOND + SECOND / 5);
        assertEquals(90, floor.next(), "an interval after the first claim, the lowest of its interval");
    }

    @Test
    void onceAnIntervalAClaimSearchesFromTheStart() {
        floor.claimed(100);
        now.set(SECOND + 1);
        assertEquals(ScanFloor.FROM_START, floor.next(), "due: the last search from the start was at 0");
        floor.claimed(500);
        now.set(SECOND + SECOND / 2);
        assertEquals(100, floor.next());
        now.set(2 * SECOND + 2);
        assertEquals(ScanFloor.FROM_START, floor.next());
    }

    @Test
    void aFailedMessageHoldsTheFloorUntilTheNextSearchFromTheStart() {
        floor.claimed(100);
        now.set(SECOND + 1);
        floor.next();
        floor.claimed(500);
        floor.retrying(50);
        now.set(SECOND + SECOND / 2);
        assertEquals(50, floor.next());
        now.set(2 * SECOND + 2);
        assertEquals(ScanFloor.FROM_START, floor.next());
        floor.claimed(600);
        now.set(2 * SECOND + SECOND / 2);
        assertEquals(500, floor.next(), "the retry is forgotten after the search from the start");
    }
}
