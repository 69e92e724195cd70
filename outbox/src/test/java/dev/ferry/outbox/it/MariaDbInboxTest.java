package dev.ferry.outbox.it;

import dev.ferry.runtime.testing.TestDatabase;

/** The inbox contracts on MariaDB ({@code INSERT IGNORE}). */
class MariaDbInboxTest extends InboxContractTest {
    @Override
    TestDatabase database() {
        return TestDatabase.MARIADB;
    }
}
