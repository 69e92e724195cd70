package dev.ferry.outbox.it;

import dev.ferry.runtime.testing.TestDatabase;

/** The outbox contracts on MariaDB. */
class MariaDbOutboxTest extends OutboxContractTest {
    @Override
    TestDatabase database() {
        return TestDatabase.MARIADB;
    }
}
