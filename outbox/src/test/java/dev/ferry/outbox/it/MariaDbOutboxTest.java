package dev.ferry.outbox.it;

import dev.ferry.runtime.testing.Await;
import dev.ferry.runtime.testing.TestDatabase;
import jakarta.transaction.RollbackException;
import java.time.Duration;

/** The outbox contracts on MariaDB. */
class MariaDbOutboxTest extends OutboxContractTest {
    @Override
    TestDatabase database() {
        return TestDatabase.MARIADB;
    }

    @Override
    String connectionIdQuery() {
        return "SELECT CONNECTION_ID()";
    }

    @Override
    void cutConnection(long id) throws Exception {
        fx.execute("KILL " + id);
        Await.until(Duration.ofSeconds(10), "connection " + id + " gone", () -> fx.countUnchecked(
                "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = " + id) == 0);
    }

    /** XA END fails on the lost connection, and Narayana rolls the branch back. */
    @Override
    Class<? extends Exception> commitFailureOfACutConnection() {
        return RollbackException.class;
    }
}
