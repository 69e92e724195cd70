package dev.ferry.outbox.it;

import dev.ferry.runtime.testing.Await;
import dev.ferry.runtime.testing.TestDatabase;
import jakarta.transaction.RollbackException;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

/**
 * The outbox contracts on SQL Server 2022. Not a {@code *Test}: only the {@code docker-databases}
 * Maven profile runs it. The pool is not XA ({@link TestDatabase#xa()}).
 */
class SqlServerOutboxOnDocker extends OutboxContractTest {
    @Override
    TestDatabase database() {
        return TestDatabase.SQLSERVER;
    }

    @Override
    String connectionIdQuery() {
        return "SELECT @@SPID";
    }

    @Override
    void cutConnection(long id) throws Exception {
        try (Connection admin = database().connectAsAdmin(); Statement st = admin.createStatement()) {
            st.execute("KILL " + id);
        }
        Await.until(Duration.ofSeconds(10), "session " + id + " gone", () -> fx.countUnchecked(
                "SELECT COUNT(*) FROM sys.dm_exec_sessions WHERE session_id = " + id) == 0);
    }

    /**
     * The plain connection's commit fails; Agroal reports a one-phase commit that failed as rolled
     * back ({@code XA_RBROLLBACK}), and Narayana throws {@link RollbackException}.
     */
    @Override
    Class<? extends Exception> commitFailureOfACutConnection() {
        return RollbackException.class;
    }
}
