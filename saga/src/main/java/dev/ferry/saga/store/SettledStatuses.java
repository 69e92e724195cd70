package dev.ferry.saga.store;

import dev.ferry.saga.SagaStatus;
import java.util.EnumSet;
import java.util.Set;

/**
 * The statuses in which a saga has settled: no worker acts on it, it ended or waits for an operator
 * (COMPLETED, COMPENSATED, CANCELLED, PARKED, SUSPENDED). A saga row in one of them carries
 * {@code settled_at}, the time of the write that left it there (its {@code updated_at} then);
 * indexed with its status, it serves the retention purge and the per-minute figures, while the
 * writes of a moving saga change no indexed column.
 */
final class SettledStatuses {

    private static final Set<SagaStatus> SETTLED = EnumSet.of(SagaStatus.COMPLETED, SagaStatus.COMPENSATED,
            SagaStatus.CANCELLED, SagaStatus.PARKED, SagaStatus.SUSPENDED);

    private SettledStatuses() {
    }

    /** @return whether a saga in this status has settled */
    static boolean settled(SagaStatus status) {
        return SETTLED.contains(status);
    }

    /** @return whether every one of these statuses is a settled one (false for none) */
    static boolean allSettled(Set<SagaStatus> statuses) {
        return !statuses.isEmpty() && SETTLED.containsAll(statuses);
    }
}
