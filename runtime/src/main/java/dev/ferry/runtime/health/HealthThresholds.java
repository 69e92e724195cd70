package dev.ferry.runtime.health;

import java.time.Duration;

/**
 * Readiness thresholds, each off unless set: a Ferry engine reports itself not ready when its
 * oldest pending message is older than {@code maxOldestPendingAge}, when more than
 * {@code maxDeadMessages} messages are dead, or when more than {@code maxParkedSagas} sagas wait
 * for an operator (PARKED and SUSPENDED together). Off by default: a backlog or a dead message is usually a matter for an alert, not a reason
 * to take a node out of a load balancer.
 *
 * <p>MicroProfile Config keys in a server: {@code ferry.health.max-oldest-pending-age} (ISO-8601 or
 * {@code 30s}-style duration), {@code ferry.health.max-dead-messages}, {@code ferry.health.max-parked-sagas}.
 *
 * @param maxOldestPendingAge the age limit, or null for none
 * @param maxDeadMessages the dead message limit, or -1 for none
 * @param maxParkedSagas the limit of sagas waiting for an operator (PARKED and SUSPENDED), or -1 for none
 */
public record HealthThresholds(Duration maxOldestPendingAge, long maxDeadMessages, long maxParkedSagas) {

    private static final HealthThresholds NONE = new HealthThresholds(null, -1, -1);

    /** Checks the values. */
    public HealthThresholds {
        if (maxOldestPendingAge != null && (maxOldestPendingAge.isNegative() || maxOldestPendingAge.isZero())) {
            throw new IllegalArgumentException("Health threshold maxOldestPendingAge must be positive, was "
                    + maxOldestPendingAge);
        }
        if (maxDeadMessages < -1 || maxParkedSagas < -1) {
            throw new IllegalArgumentException("Health thresholds maxDeadMessages and maxParkedSagas must be at"
                    + " least 0 (or -1 for none), were " + maxDeadMessages + " and " + maxParkedSagas);
        }
    }

    /** @return no thresholds (the default) */
    public static HealthThresholds none() {
        return NONE;
    }

    /** @param age the age limit @return these thresholds with it */
    public HealthThresholds withMaxOldestPendingAge(Duration age) {
        return new HealthThresholds(age, maxDeadMessages, maxParkedSagas);
    }

    /** @param count the dead message limit @return these thresholds with it */
    public HealthThresholds withMaxDeadMessages(long count) {
        return new HealthThresholds(maxOldestPendingAge, count, maxParkedSagas);
    }

    /** @param count the parked saga limit @return these thresholds with it */
    public HealthThresholds withMaxParkedSagas(long count) {
        return new HealthThresholds(maxOldestPendingAge, maxDeadMessages, count);
    }
}
