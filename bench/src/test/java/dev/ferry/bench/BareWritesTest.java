package dev.ferry.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Figure 3's bound rows write what they claim to, on PostgreSQL: a row per transaction, and with
 * the outbox shapes a message row of Ferry's table beside each, whether sent in two round trips or
 * in one.
 */
class BareWritesTest {

    private static final String SCHEMA = "bench_bare_test";

    private final Db db = new Db(BenchOptions.fromSystemProperties());
    private BareWrites bare;

    @BeforeEach
    void tables() throws Exception {
        db.freshSchema(SCHEMA);
        BenchOrder.createTable(db, SCHEMA);
        db.createFerryOutbox(SCHEMA, "ferry_outbox");
        bare = new BareWrites(db, SCHEMA + ".bench_order", SCHEMA + ".ferry_outbox", Db.payload(1, 200));
    }

    @AfterEach
    void drop() throws Exception {
        db.dropSchema(SCHEMA);
    }

    @Test
    void eachShapeWritesItsRows() throws Exception {
        long entities = 0;
        long messages = 0;
        for (BareWrites.Shape shape : BareWrites.Shape.values()) {
            long committed = bare.measure(shape, 2, 1);
            long rowsBefore = entities;
            entities = db.count("SELECT count(*) FROM " + SCHEMA + ".bench_order");
            long written = db.count("SELECT count(*) FROM " + SCHEMA + ".ferry_outbox") - messages;
            messages += written;
            assertTrue(committed > 0, shape + " committed nothing");
            assertEquals(committed, entities - rowsBefore, shape + ": entity rows");
            assertEquals(shape == BareWrites.Shape.ENTITY_ONLY ? 0 : entities - rowsBefore, written,
                    shape + ": message rows");
        }
        assertEquals(0, db.count("SELECT count(*) FROM " + SCHEMA + ".ferry_outbox WHERE status <> 'PENDING'"
                + " OR msg_key NOT IN (SELECT id FROM " + SCHEMA + ".bench_order)"));
    }
}
