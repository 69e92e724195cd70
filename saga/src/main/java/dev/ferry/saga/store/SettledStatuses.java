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

    /**
     * A condition on the time a settled saga settled, served by the index {@code _settled (status,
     * settled_at)}: {@code settled_at}, or {@code updated_at} for a saga that settled without one
     * (before migration V6 on a table {@code createTables} only added the column to, or under an
     * engine of the release before V6); the two are equal where both are set.
     *
     * @param comparison the comparison with {@code {time}} for the column, e.g. {@code "{time} < ?"}
     * @return the condition; its parameters are the comparison's, bound twice in a row
     */
    static String settledTime(String comparison) {
        return "(" + comparison.replace("{time}", "settled_at") + " OR settled_at IS NULL AND "
                + comparison.replace("{time}", "updated_at") + ")";
    }

    /** @return whether every one of these statuses is a settled one (false for none) */
    static boolean allSettled(Set<SagaStatus> statuses) {
        return !statuses.isEmpty() && SETTLED.containsAll(statuses);
    }
}
