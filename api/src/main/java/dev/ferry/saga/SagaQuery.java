package dev.ferry.saga;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * What {@link SagaCoordinator#query(SagaQuery)} and {@link SagaCoordinator#count(SagaQuery)} look
 * for: every condition given must hold. Immutable; each {@code with…} method returns a changed copy.
 *
 * <pre>{@code
 * SagaQuery stuck = SagaQuery.all().withName("order").stuck(Duration.ofMinutes(30));
 * long howMany = coordinator.count(stuck);
 * SagaPage first = coordinator.query(stuck.withLimit(50));
 * }</pre>
 *
 * @param statuses the statuses to look for; empty for any
 * @param name the saga name, or null for any
 * @param createdFrom started at or after this instant, or null
 * @param createdTo started before this instant, or null
 * @param updatedFrom last changed at or after this instant, or null
 * @param updatedTo last changed before this instant, or null
 * @param stuckFor only sagas RUNNING or COMPENSATING that made no progress (no change) for at least this
 *     long, or null
 * @param limit at most this many per page, 1 to 1000
 * @param cursor the page starts after this cursor ({@link SagaPage#nextCursor()}), or null for the
 *     first page
 */
public record SagaQuery(Set<SagaStatus> statuses, String name, Instant createdFrom, Instant createdTo,
                        Instant updatedFrom, Instant updatedTo, Duration stuckFor, int limit, String cursor) {

    /** The page size of {@link #all()}. */
    public static final int DEFAULT_LIMIT = 100;
    /** The largest page. */
    public static final int MAX_LIMIT = 1000;

    /**
     * @param statuses the statuses to look for; empty for any
     * @param name the saga name, or null for any
     * @param createdFrom started at or after this instant, or null
     * @param createdTo started before this instant, or null
     * @param updatedFrom last changed at or after this instant, or null
     * @param updatedTo last changed before this instant, or null
     * @param stuckFor no progress for at least this long, or null
     * @param limit at most this many per page, 1 to 1000
     * @param cursor the page starts after this cursor, or null
     * @throws IllegalArgumentException if the limit is out of range or stuckFor is negative or zero
     */
    public SagaQuery {
        statuses = statuses == null || statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("A saga query's limit must be 1 to " + MAX_LIMIT + ", was " + limit);
        }
        if (stuckFor != null && (stuckFor.isNegative() || stuckFor.isZero())) {
            throw new IllegalArgumentException("A saga query's stuck duration must be positive, was " + stuckFor);
        }
    }

    /** @return a query for every saga, first page, {@value #DEFAULT_LIMIT} per page */
    public static SagaQuery all() {
        return new SagaQuery(Set.of(), null, null, null, null, null, null, DEFAULT_LIMIT, null);
    }

    /**
     * @param wanted the statuses to look for (none: any)
     * @return a copy looking only for these statuses
     */
    public SagaQuery withStatuses(SagaStatus... wanted) {
        return new SagaQuery(Set.copyOf(Arrays.asList(wanted)), name, createdFrom, createdTo, updatedFrom, updatedTo,
                stuckFor, limit, cursor);
    }

    /**
     * @param sagaName a saga name ({@link Saga#name()}), or null for any
     * @return a copy looking only for sagas of that name
     */
    public SagaQuery withName(String sagaName) {
        return new SagaQuery(statuses, sagaName, createdFrom, createdTo, updatedFrom, updatedTo, stuckFor, limit,
                cursor);
    }

    /**
     * @param from started at or after this instant, or null
     * @param to started before this instant, or null
     * @return a copy looking only for sagas started in that range
     */
    public SagaQuery createdBetween(Instant from, Instant to) {
        return new SagaQuery(statuses, name, from, to, updatedFrom, updatedTo, stuckFor, limit, cursor);
    }

    /**
     * @param from last changed at or after this instant, or null
     * @param to last changed before this instant, or null
     * @return a copy looking only for sagas last changed in that range
     */
    public SagaQuery updatedBetween(Instant from, Instant to) {
        return new SagaQuery(statuses, name, createdFrom, createdTo, from, to, stuckFor, limit, cursor);
    }

    /**
     * @param noProgressFor how long a saga has not changed; null to drop the condition
     * @return a copy looking only for RUNNING or COMPENSATING sagas that have not changed for at least
     *     that long (a step or a compensation that hangs, or retries without end)
     * @throws IllegalArgumentException if the duration is zero or negative
     */
    public SagaQuery stuck(Duration noProgressFor) {
        return new SagaQuery(statuses, name, createdFrom, createdTo, updatedFrom, updatedTo, noProgressFor, limit,
                cursor);
    }

    /**
     * @param pageSize at most this many per page, 1 to 1000
     * @return a copy with that page size
     * @throws IllegalArgumentException if the size is out of range
     */
    public SagaQuery withLimit(int pageSize) {
        return new SagaQuery(statuses, name, createdFrom, createdTo, updatedFrom, updatedTo, stuckFor, pageSize,
                cursor);
    }

    /**
     * @param nextCursor a cursor from {@link SagaPage#nextCursor()} of this query, or null for the first page
     * @return a copy for the page after that cursor
     */
    public SagaQuery after(String nextCursor) {
        return new SagaQuery(statuses, name, createdFrom, createdTo, updatedFrom, updatedTo, stuckFor, limit,
                nextCursor);
    }
}
