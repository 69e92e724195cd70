package dev.ferry.outbox.it;

import dev.ferry.runtime.testing.Await;
import dev.ferry.runtime.testing.TestDatabase;
import jakarta.transaction.RollbackException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The outbox contracts on Oracle Database Free 23. Not a {@code *Test}: only the
 * {@code docker-databases} Maven profile runs it. Sessions are looked up and ended as the server's
 * administrator: the test's own user may not read {@code v$session} or alter the system.
 */
class OracleOutboxOnDocker extends OutboxContractTest {
    @Override
    TestDatabase database() {
        return TestDatabase.ORACLE;
    }

    @Override
    String connectionIdQuery() {
        return "SELECT TO_NUMBER(SYS_CONTEXT('USERENV', 'SID')) FROM dual";
    }

    @Override
    void cutConnection(long sid) throws Exception {
        long serial = serialOf(sid);
        try (Connection admin = database().connectAsAdmin(); Statement st = admin.createStatement()) {
            st.execute("ALTER SYSTEM KILL SESSION '" + sid + "," + serial + "' IMMEDIATE");
        }
        Await.until(Duration.ofSeconds(30), "session " + sid + "," + serial + " gone", () -> serialOf(sid) != serial);
    }

    /** @return the serial number of the session with this SID, or -1 if there is none */
    private long serialOf(long sid) {
        try (Connection admin = database().connectAsAdmin();
             PreparedStatement ps = admin.prepareStatement("SELECT serial# FROM v$session WHERE sid = ?")) {
            ps.setLong(1, sid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read session " + sid + ": " + e.getMessage(), e);
        }
    }

    /**
     * Expected, not yet observed (no Oracle has run this): XA END fails on the ended session, and
     * Narayana rolls the branch back, as on MariaDB.
     */
    @Override
    Class<? extends Exception> commitFailureOfACutConnection() {
        return RollbackException.class;
    }
}
