package dev.ferry.outbox.it;

import dev.ferry.runtime.testing.TestDatabase;

/** The inbox contracts on PostgreSQL ({@code INSERT … ON CONFLICT DO NOTHING}). */
class PostgresInboxTest extends InboxContractTest {
    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRESQL;
    }
}
