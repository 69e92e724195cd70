package dev.ferry.console.sagas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.saga.SagaQuery;
import dev.ferry.saga.SagaStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The saga list's query parameters, and the messages that name a wrong one. */
class SagaFilterTest {

    @Test
    void parametersBecomeTheQuery() {
        SagaQuery q = SagaFilter.query("parked, suspended", "payout", "2025-01-01T00:00:00Z", null, "30", "20", "c1");
        assertEquals(Set.of(SagaStatus.PARKED, SagaStatus.SUSPENDED), q.statuses());
        assertEquals("payout", q.name());
        assertEquals(Instant.parse("2025-01-01T00:00:00Z"), q.createdFrom());
        assertEquals(Duration.ofMinutes(30), q.stuckFor());
        assertEquals(20, q.limit());
        assertEquals("c1", q.cursor());
        assertEquals(50, SagaFilter.query(null, "", null, null, null, null, null).limit());
    }

    @Test
    void aWrongParameterIsNamed() {
        assertMessage("status HAPPY", () -> SagaFilter.query("HAPPY", null, null, null, null, null, null));
        assertMessage("from must be an ISO-8601", () -> SagaFilter.query(null, null, "yesterday", null, null, null,
                null));
        assertMessage("stuck must be 1 to", () -> SagaFilter.query(null, null, null, null, "0", null, null));
        assertMessage("limit must be a whole number", () -> SagaFilter.query(null, null, null, null, null, "x", null));
        assertMessage("limit must be 1 to 200", () -> SagaFilter.query(null, null, null, null, null, "5000", null));
        assertMessage("name must be at most", () -> SagaFilter.query(null, "n".repeat(201), null, null, null, null,
                null));
    }

    private static void assertMessage(String expected, Runnable call) {
        String message = assertThrows(IllegalArgumentException.class, call::run).getMessage();
        assertTrue(message.contains(expected), message);
    }
}
