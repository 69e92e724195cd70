package dev.ferry.outbox.it;

import dev.ferry.runtime.testing.TestDatabase;

/**
 * The inbox contracts on SQL Server 2022 ({@code MERGE … WITH (HOLDLOCK)}). Not a {@code *Test}: only
 * the {@code docker-databases} Maven profile runs it.
 */
class SqlServerInboxOnDocker extends InboxContractTest {
    @Override
    TestDatabase database() {
        return TestDatabase.SQLSERVER;
    }
}
