package dev.ferry.outbox.it;

import dev.ferry.runtime.testing.TestDatabase;

/** The outbox contracts on PostgreSQL. */
class PostgresOutboxTest extends OutboxContractTest {
    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRESQL;
    }
}
