package dev.ferry.outbox.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The commit-to-publish latency the relay records, computed per message without allocating. */
class RelayTelemetryTest {

    @Test
    void secondsBetweenCountsWholeSecondsAndNanosAcrossASecondBoundaryAndNeverGoesBelowZero() {
        Instant written = Instant.parse("2026-12-05T10:00:00.999999Z");
        assertEquals(0.000002, RelayTelemetry.secondsBetween(written, Instant.parse("2026-12-05T10:00:01.000001Z")),
                1e-12, "across a second boundary");
        assertEquals(90.5, RelayTelemetry.secondsBetween(Instant.parse("2026-12-05T10:00:00Z"),
                Instant.parse("2026-12-05T10:01:30.500Z")), 1e-12);
        assertEquals(0.0, RelayTelemetry.secondsBetween(written, written.minusMillis(3)),
                "a clock read before the write (another node's clock) records 0");
    }
}
