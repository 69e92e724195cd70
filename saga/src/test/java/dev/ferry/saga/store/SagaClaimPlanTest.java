package dev.ferry.saga.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.runtime.se.JavaSeEnvironment;
import dev.ferry.runtime.testing.TestDatabase;
import dev.ferry.runtime.testing.TestSchema;
import dev.ferry.saga.config.SagaSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL: a worker's claim reads the saga table through its indexes, however many finished sagas
 * it holds and whatever plan was cached while it was small. (Without {@code enable_seqscan = off} in
 * the claim's transaction, the plan cached on a small table updated the claimed rows through a scan
 * of the whole table, so every claim read every finished saga.)
 */
class SagaClaimPlanTest {

    private static final int FINISHED = 20_000;

    @Test
    void aClaimDoesNotScanTheFinishedSagas() throws Exception {
        try (TestSchema schema = TestDatabase.POSTGRESQL.createSchema("saga_claim_plan");
             JavaSeEnvironment env = schema.environment();
             Connection c = schema.connect()) {
            StoreTables tables = StoreTables.create(env, c);
            SagaSettings settings = tables.settings();
            SagaStore store = tables.store();
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            c.setAutoCommit(false);
            store.insert(c, UUID.randomUUID(), "s", 1, null, "first", "{}", now.minusSeconds(10));
            c.commit();
            // Enough claims on the small table for the driver and the server to cache a generic plan (each
            // lease has already expired, so the next claim takes the saga again).
            for (int i = 0; i < 10; i++) {
                assertEquals(1, store.claim(c, List.of("s"), 5, "w" + i, Duration.ofSeconds(-1)).size(),
                        "claim " + i);
                c.commit();
            }
            try (Statement st = c.createStatement()) {
                st.execute("INSERT INTO " + settings.instanceTable() + " (id, saga_name, status, attempts, saga_data,"
                        + " row_version, created_at, updated_at) SELECT gen_random_uuid()::text, 's', 'COMPLETED', 0,"
                        + " '{}', 3, now(), now() FROM generate_series(1, " + FINISHED + ")");
            }
            c.commit();

            long before = tuplesReadBySequentialScans(c, schema.schema());
            assertEquals(1, store.claim(c, List.of("s"), 5, "w-last", Duration.ofSeconds(-1)).size());
            c.commit();
            long read = tuplesReadBySequentialScans(c, schema.schema()) - before;
            assertTrue(read < FINISHED, "the claim read " + read + " rows sequentially from a table of "
                    + (FINISHED + 1) + " sagas");
        }
    }

    /** @return rows read by sequential scans of the saga table, this session's counts flushed first */
    private static long tuplesReadBySequentialScans(Connection c, String schema) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SELECT pg_stat_force_next_flush()");
        }
        c.commit();
        try (Statement st = c.createStatement()) {
            st.execute("SELECT pg_stat_clear_snapshot()");
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT seq_tup_read FROM pg_stat_user_tables"
                + " WHERE schemaname = ? AND relname = 'ferry_saga'")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "no statistics for " + schema + ".ferry_saga");
                long n = rs.getLong(1);
                c.commit();
                return n;
            }
        }
    }
}
