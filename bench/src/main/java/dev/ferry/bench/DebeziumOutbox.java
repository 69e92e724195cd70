package dev.ferry.bench;

import dev.ferry.runtime.sql.SqlIdentifier;
import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * One Debezium outbox, the peer of figures 2 and 5: an outbox table of the shape Debezium's outbox
 * event router reads ({@code id, aggregatetype, aggregateid, type, payload}, as in its
 * documentation), a publication of that table and a logical replication slot ({@code pgoutput},
 * built into PostgreSQL), and an embedded engine ({@code debezium-embedded} {@value #VERSION}, its
 * default asynchronous engine) running the PostgreSQL connector with the router
 * ({@code io.debezium.transforms.outbox.EventRouter}) and handing every routed record to an
 * in-process listener. The engine keeps its offsets in memory and takes no snapshot
 * ({@code snapshot.mode = no_data}): it streams from the slot, which is created with the table, so
 * every row committed after {@link #create} is delivered, also rows committed before {@link #start}.
 * Apart from what names the database, table, slot and publication, the connector and the router
 * run with their defaults unless {@code poll.interval.ms} is given. {@link #close()} stops the engine
 * and drops the slot, the publication and the schema.
 */
final class DebeziumOutbox implements AutoCloseable {

    static final String VERSION = "3.6.1.Final";
    static final String TABLE = "outbox_event";
    /** Debezium's default {@code poll.interval.ms}. */
    static final long DEFAULT_POLL_INTERVAL_MS = 500;
    private static final String ROUTED_TOPIC_PREFIX = "outbox.event.";

    private final Db db;
    private final String schema;
    private final String slot;
    private final String publication;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong firstReceivedNanos = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    private ExecutorService runner;
    private long startedNanos;

    private DebeziumOutbox(Db db, String schema) {
        this.db = db;
        this.schema = schema;
        this.slot = "ferry_" + schema;
        this.publication = "ferry_" + schema;
    }

    /**
     * @return why Debezium cannot stream from this database ({@code wal_level} is not
     *     {@code logical}), or null when it can
     */
    static String unavailable(Db db) throws SQLException {
        if (db.options().database() != BenchDatabase.POSTGRESQL) {
            return "the bench runs Debezium's PostgreSQL connector only, this is "
                    + db.options().database();
        }
        String level = db.text("SHOW wal_level");
        return "logical".equals(level) ? null : "wal_level is " + level + ", Debezium needs logical"
                + " (run with -Dbench.cluster=own)";
    }

    /**
     * Creates the outbox table in a fresh schema, a publication of it and a {@code pgoutput} slot:
     * from here on, PostgreSQL keeps every committed row of the table for the engine.
     */
    static DebeziumOutbox create(Db db, String schema) throws SQLException {
        SqlIdentifier.require("schema", schema);
        DebeziumOutbox outbox = new DebeziumOutbox(db, schema);
        db.freshSchema(schema);
        db.execute("CREATE TABLE " + outbox.table() + " (id UUID PRIMARY KEY, aggregatetype VARCHAR(255) NOT NULL,"
                        + " aggregateid VARCHAR(255) NOT NULL, type VARCHAR(255) NOT NULL, payload JSONB)",
                "CREATE PUBLICATION " + outbox.publication + " FOR TABLE " + outbox.table());
        try (Connection c = db.connect();
             PreparedStatement ps = c.prepareStatement("SELECT pg_create_logical_replication_slot(?, 'pgoutput')")) {
            ps.setString(1, outbox.slot);
            ps.executeQuery().close();
        }
        return outbox;
    }

    String table() {
        return schema + "." + TABLE;
    }

    /** @return the statement that writes one event: id, aggregate type, aggregate id, type, JSON payload */
    String insertSql() {
        return "INSERT INTO " + table() + " (id, aggregatetype, aggregateid, type, payload)"
                + " VALUES (?, ?, ?, ?, ?::jsonb)";
    }

    /**
     * Writes {@code n} events, each in a transaction of its own as an application writes them, in one
     * server-side loop ({@code synchronous_commit = off} for the load only), then a {@code CHECKPOINT}
     * so that the load's writes do not land in the measurement.
     *
     * @return seconds taken
     */
    double loadBacklog(int n, int keys, int payloadBytes) throws SQLException {
        long t0 = System.nanoTime();
        db.execute("SET synchronous_commit = off", "DO $$ BEGIN FOR g IN 0.." + (n - 1) + " LOOP"
                        + " INSERT INTO " + table() + " (id, aggregatetype, aggregateid, type, payload)"
                        + " VALUES (gen_random_uuid(), 'orders', 'key-' || (g % " + keys + "), 'OrderPlaced', ("
                        + Db.payloadSql("g", payloadBytes) + ")::jsonb); COMMIT; END LOOP; END $$",
                "CHECKPOINT");
        return (System.nanoTime() - t0) / 1e9;
    }

    /**
     * Starts the engine.
     *
     * @param pollIntervalMs {@code poll.interval.ms}, or null for Debezium's default
     *     ({@value #DEFAULT_POLL_INTERVAL_MS} ms)
     * @param listener gets each routed event's id (the router's {@code id} header), on the engine's thread
     */
    void start(Long pollIntervalMs, Consumer<UUID> listener) {
        Properties p = new Properties();
        URI url = URI.create(db.options().jdbcUrl().substring("jdbc:".length()));
        p.setProperty("name", "ferry-bench-" + schema);
        p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        p.setProperty("offset.storage", "org.apache.kafka.connect.storage.MemoryOffsetBackingStore");
        p.setProperty("database.hostname", url.getHost());
        p.setProperty("database.port", String.valueOf(url.getPort() < 0 ? 5432 : url.getPort()));
        p.setProperty("database.dbname", url.getPath().substring(1));
        p.setProperty("database.user", db.options().user());
        p.setProperty("database.password", db.options().password() == null ? "" : db.options().password());
        p.setProperty("topic.prefix", "bench");
        p.setProperty("plugin.name", "pgoutput");
        p.setProperty("slot.name", slot);
        p.setProperty("publication.name", publication);
        p.setProperty("publication.autocreate.mode", "disabled");
        p.setProperty("snapshot.mode", "no_data");
        p.setProperty("table.include.list", table());
        p.setProperty("transforms", "outbox");
        p.setProperty("transforms.outbox.type", "io.debezium.transforms.outbox.EventRouter");
        if (pollIntervalMs != null) {
            p.setProperty("poll.interval.ms", String.valueOf(pollIntervalMs));
        }
        engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                .using(p)
                .using((success, message, error) -> {
                    if (!success) {
                        failure.compareAndSet(null, error != null ? error : new IllegalStateException(message));
                    }
                })
                .notifying((List<RecordChangeEvent<SourceRecord>> records,
                            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer) -> {
                    for (RecordChangeEvent<SourceRecord> r : records) {
                        SourceRecord record = r.record();
                        if (record.topic().startsWith(ROUTED_TOPIC_PREFIX)) {
                            Header id = record.headers().lastWithName("id");
                            listener.accept(UUID.fromString(String.valueOf(id.value())));
                            if (received.incrementAndGet() == 1) {
                                firstReceivedNanos.set(System.nanoTime());
                            }
                        }
                        committer.markProcessed(r);
                    }
                    committer.markBatchFinished();
                })
                .build();
        runner = Executors.newSingleThreadExecutor(r -> new Thread(r, "debezium-" + schema));
        startedNanos = System.nanoTime();
        runner.execute(engine);
    }

    /**
     * @return events handed to the listener so far
     * @throws IllegalStateException if the engine stopped with an error
     */
    long received() {
        Throwable error = failure.get();
        if (error != null) {
            throw new IllegalStateException("Debezium engine failed: " + error, error);
        }
        return received.get();
    }

    /** @return seconds from {@link #start} to the first event handed over, or NaN before it */
    double secondsToFirst() {
        long first = firstReceivedNanos.get();
        return first == 0 ? Double.NaN : (first - startedNanos) / 1e9;
    }

    /**
     * Writes one event in a transaction of its own and waits until the listener got it: from then on
     * the engine streams as it will under load.
     */
    void awaitStreaming() throws Exception {
        long before = received();
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(insertSql())) {
            ps.setObject(1, UUID.randomUUID());
            ps.setString(2, "marker");
            ps.setString(3, "marker");
            ps.setString(4, "Marker");
            ps.setString(5, "{}");
            ps.executeUpdate();
        }
        Drains.awaitCount(() -> received() - before, 1, "Debezium's first event");
    }

    /** Stops the engine, then drops the slot (once the engine let go of it), the publication and the schema. */
    @Override
    public void close() throws IOException, SQLException {
        try {
            if (engine != null) {
                engine.close();
                runner.shutdown();
                if (!runner.awaitTermination(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("Debezium engine of " + schema + " still running 60 s after close");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping the Debezium engine of " + schema, e);
        } finally {
            dropSlot();
            db.execute("DROP PUBLICATION IF EXISTS " + publication);
            db.dropSchema(schema);
        }
    }

    private void dropSlot() throws SQLException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (Connection c = db.connect();
             PreparedStatement active = c.prepareStatement(
                     "SELECT active FROM pg_replication_slots WHERE slot_name = ?");
             PreparedStatement drop = c.prepareStatement("SELECT pg_drop_replication_slot(?)")) {
            active.setString(1, slot);
            while (true) {
                try (ResultSet rs = active.executeQuery()) {
                    if (!rs.next()) {
                        return;
                    }
                    if (!rs.getBoolean(1)) {
                        break;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(String.format(Locale.ROOT,
                            "Replication slot %s still active 30 s after the engine stopped; drop it with"
                                    + " SELECT pg_drop_replication_slot('%s')", slot, slot));
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting to drop replication slot " + slot, e);
                }
            }
            drop.setString(1, slot);
            drop.executeQuery().close();
        }
    }
}
