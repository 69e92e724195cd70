package dev.ferry.outbox.admin;

import java.time.Duration;
import java.time.Instant;

/**
 * The backlog of one topic of an outbox table, as read at one moment.
 *
 * @param topic the topic
 * @param pending messages waiting to be published (due or not)
 * @param oldestPendingAt when the oldest pending message was written, or null when none waits
 * @param oldestPendingAge how long ago that was; zero when none waits
 * @param dead messages parked as dead
 */
public record TopicFigures(String topic, long pending, Instant oldestPendingAt, Duration oldestPendingAge,
                           long dead) {
}
