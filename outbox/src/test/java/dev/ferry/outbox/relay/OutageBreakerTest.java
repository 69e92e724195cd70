package dev.ferry.outbox.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.runtime.retry.Backoff;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OutageBreakerTest {

    private static final long MS = 1_000_000L;

    private final AtomicLong now = new AtomicLong(0);
    private final OutageBreaker breaker = new OutageBreaker(
            new Backoff(Duration.ofMillis(100), Duration.ofMillis(400)), now::get);

    @Test
    void closedItLetsEveryThreadClaimAndAnsweredBatchesKeepItClosed() {
        OutageBreaker.Permit a = breaker.permit();
        OutageBreaker.Permit b = breaker.permit();
        assertNotNull(a);
        assertNotNull(b);
        assertFalse(a.probe());
        assertNull(breaker.answered(a), "no outage ended");
        breaker.unused(b);
        assertFalse(breaker.isOpen());
    }

    @Test
    void aBatchTheBrokerAnsweredNothingOpensItAndClaimsPauseUntilOneThreadProbes() {
        assertTrue(breaker.unavailable(breaker.permit()), "an outage began");
        assertTrue(breaker.isOpen());
        now.set(99 * MS);
        assertNull(breaker.permit(), "claims pause for the first pause");
        now.set(100 * MS);
        OutageBreaker.Permit probe = breaker.permit();
        assertNotNull(probe);
        assertTrue(probe.probe());
        assertNull(breaker.permit(), "the other threads wait for the probe");
    }

    @Test
    void aProbeThatFindsTheBrokerUnavailableDoublesThePauseUpToTheLongest() {
        breaker.unavailable(breaker.permit());
        long[] probesAt = {100, 300, 700, 1100, 1500};
        for (long at : probesAt) {
            now.set(at * MS - 1);
            assertNull(breaker.permit(), "no probe before " + at + " ms");
            now.set(at * MS);
            assertFalse(breaker.unavailable(breaker.permit()), "the same outage goes on");
        }
        assertEquals(Duration.ofMillis(400), breaker.pause());
    }

    @Test
    void aProbeTheBrokerAnswersClosesItAndSaysHowLongTheOutageLasted() {
        now.set(1_000 * MS);
        breaker.unavailable(breaker.permit());
        now.set(1_100 * MS);
        breaker.unavailable(breaker.permit());
        now.set(1_300 * MS);
        assertEquals(Duration.ofMillis(300), breaker.answered(breaker.permit()));
        assertFalse(breaker.isOpen());
        assertFalse(breaker.permit().probe(), "closed again: every thread claims");
        assertTrue(breaker.unavailable(breaker.permit()), "a new outage begins with the first pause");
        assertEquals(Duration.ofMillis(100), breaker.pause());
    }

    @Test
    void resultsOfBatchesClaimedBeforeTheOutageAreIgnored() {
        OutageBreaker.Permit first = breaker.permit();
        OutageBreaker.Permit inFlight = breaker.permit();
        OutageBreaker.Permit confirmedBefore = breaker.permit();
        assertTrue(breaker.unavailable(first));
        assertFalse(breaker.unavailable(inFlight), "the same outage");
        assertNull(breaker.answered(confirmedBefore), "a batch confirmed before the outage does not end it");
        assertTrue(breaker.isOpen());
        now.set(100 * MS);
        OutageBreaker.Permit probe = breaker.permit();
        assertNotNull(breaker.answered(probe));
        assertFalse(breaker.unavailable(inFlight), "a stale failure does not reopen it");
        assertFalse(breaker.isOpen());
    }

    @Test
    void aProbeThatFoundNothingToSendLetsTheNextClaimProbe() {
        breaker.unavailable(breaker.permit());
        now.set(100 * MS);
        breaker.unused(breaker.permit());
        OutageBreaker.Permit next = breaker.permit();
        assertNotNull(next);
        assertTrue(next.probe());
        assertTrue(breaker.isOpen());
    }
}
