package dev.ferry.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Debezium peer on the bench's own server: a backlog committed before the engine starts is
 * delivered whole through the outbox event router, events written while it streams arrive with the
 * ids they were written with, and closing leaves no slot, publication or schema behind. The
 * machine's server (no logical decoding) is refused with the way out.
 */
class DebeziumOutboxTest {

    private static final String SCHEMA = "bench_debezium_test";

    private static OwnCluster cluster;
    private static Db db;

    @BeforeAll
    static void start() {
        cluster = OwnCluster.start();
        db = new Db(BenchOptions.fromSystemProperties().onDatabase(cluster.jdbcUrl(), cluster.user()));
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void backlogAndLiveEventsReachTheListenerAndCloseLeavesNothingBehind() throws Exception {
        assertNull(DebeziumOutbox.unavailable(db));
        Set<UUID> seen = ConcurrentHashMap.newKeySet();
        try (DebeziumOutbox outbox = DebeziumOutbox.create(db, SCHEMA)) {
            outbox.loadBacklog(500, 10, 200);
            outbox.start(1L, seen::add);
            Drains.awaitCount(outbox::received, 500, "Debezium backlog");
            assertEquals(500, seen.size());
            assertTrue(outbox.secondsToFirst() > 0);
            outbox.awaitStreaming();
            assertEquals(501, outbox.received());
            assertEquals(501, db.count("SELECT count(*) FROM " + outbox.table()));
            assertEquals(501, db.count("SELECT count(*) FROM " + outbox.table() + " WHERE id IN ("
                    + String.join(", ", seen.stream().map(id -> "'" + id + "'").toList()) + ")"));
        }
        assertEquals(0, db.count("SELECT count(*) FROM pg_replication_slots"));
        assertEquals(0, db.count("SELECT count(*) FROM pg_publication"));
        assertEquals(0, db.count("SELECT count(*) FROM pg_namespace WHERE nspname = '" + SCHEMA + "'"));
    }

    @Test
    void theMachinesServerWithoutLogicalDecodingIsRefusedWithTheWayOut() throws Exception {
        Db machine = new Db(BenchOptions.fromSystemProperties());
        String why = DebeziumOutbox.unavailable(machine);
        if ("logical".equals(machine.text("SHOW wal_level"))) {
            assertNull(why);
        } else {
            assertNotNull(why);
            assertTrue(why.contains("-Dbench.cluster=own"), why);
        }
    }
}
