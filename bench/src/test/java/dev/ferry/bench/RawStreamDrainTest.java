package dev.ferry.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Figure 3's cheapest relay deletes what writers commit beside it, every row once, on PostgreSQL. */
class RawStreamDrainTest {

    private static final String SCHEMA = "bench_raw_drain_test";
    private static final String OUTBOX = SCHEMA + ".ferry_outbox";

    private final Db db = new Db(BenchOptions.fromSystemProperties());
    private BareWrites writers;

    @BeforeEach
    void tables() throws Exception {
        db.freshSchema(SCHEMA);
        BenchOrder.createTable(db, SCHEMA);
        db.createFerryOutbox(SCHEMA, "ferry_outbox");
        writers = new BareWrites(db, SCHEMA + ".bench_order", OUTBOX, Db.payload(1, 200));
    }

    @AfterEach
    void drop() throws Exception {
        db.dropSchema(SCHEMA);
    }

    @Test
    void drainsAStreamBesideTheWritersAndThenTheRest() throws Exception {
        long committed;
        RawStreamDrain drain = new RawStreamDrain(db, OUTBOX, 200, 2);
        try (drain) {
            committed = writers.measure(BareWrites.Shape.SEPARATE, 4, 1);
        }
        long deleted = drain.deleted(); // once it stopped: it drains until closed
        long left = db.count("SELECT count(*) FROM " + OUTBOX);
        assertTrue(committed > 0 && deleted > 0, committed + " committed, " + deleted + " deleted");
        assertEquals(committed, deleted + left, "every message deleted once or still there");

        writers.measure(BareWrites.Shape.SEPARATE, 2, 1); // a backlog, drained from scratch
        try (RawStreamDrain rest = new RawStreamDrain(db, OUTBOX, 200, 2)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (db.count("SELECT count(*) FROM " + OUTBOX) > 0 && System.nanoTime() < deadline) {
                LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
            }
        }
        assertEquals(0, db.count("SELECT count(*) FROM " + OUTBOX), "the backlog drained");
    }
}
