package dev.ferry.outbox.observe;

import java.time.Duration;

/**
 * The outbox table's backlog, as read at one moment.
 *
 * @param pending messages waiting to be published (due or not)
 * @param oldestPendingAge how long ago the oldest pending message was written; zero when none waits
 * @param dead messages parked as dead
 */
public record OutboxFigures(long pending, Duration oldestPendingAge, long dead) {
}
