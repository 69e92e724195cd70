package dev.ferry.outbox.it;

import dev.ferry.runtime.testing.TestDatabase;

/**
 * The inbox contracts on Oracle Database Free 23 ({@code MERGE … USING (SELECT ? AS … FROM dual)}).
 * Not a {@code *Test}: only the {@code docker-databases} Maven profile runs it.
 */
class OracleInboxOnDocker extends InboxContractTest {
    @Override
    TestDatabase database() {
        return TestDatabase.ORACLE;
    }
}
