package dev.ferry.outbox.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.outbox.config.OutboxSettings;
import dev.ferry.outbox.retention.RetentionPurger;
import dev.ferry.runtime.json.JsonCodec;
import dev.ferry.runtime.sql.SqlDialect;
import dev.ferry.runtime.testing.H2Compatibility;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The relay's statements as {@link RelayStore} builds them for SQL Server and Oracle, executed on H2's
 * compatibility modes ({@link H2Compatibility}) on the table of the dialect's own migration: the head claim
 * with its followers, delivered rows deleted or retained, failures and outages recorded, the retention
 * purge. Not SQL Server or Oracle: what rows a claim locks and skips is not checked here (H2 ignores SQL
 * Server's lock hints, and in Oracle mode locks every row it sorts, not the rows fetched, so a second
 * claimer finds nothing where Oracle would give it the next rows).
 */
class RelayStoreOnH2ModesTest {

    private static final Instant NOW = Instant.parse("2026-03-29T01:30:00.123456Z");

    @ParameterizedTest
    @EnumSource(H2Compatibility.class)
    void claimsHeadsAndFollowersInOrderAndRecordsEachOutcome(H2Compatibility mode) throws Exception {
        for (Duration retention : List.of(Duration.ZERO, Duration.ofDays(1))) {
            H2Compatibility.Database db = mode.newDatabase("relay");
            OutboxSettings settings = OutboxSettings.builder().batchSize(10).maxAttempts(3)
                    .backoff(Duration.ofSeconds(1), Duration.ofMinutes(1)).retention(retention).build();
            db.createTable("outbox", settings.table());
            SqlDialect dialect = mode.dialect();
            DataSource ds = db.dataSource();
            long a1 = write(ds, dialect, "a", NOW.minusSeconds(5));
            long a2 = write(ds, dialect, "a", NOW.minusSeconds(5));
            long b = write(ds, dialect, "b", NOW.minusSeconds(5));
            long none = write(ds, dialect, null, NOW.minusSeconds(5));
            long later = write(ds, dialect, "c", NOW.plusSeconds(60));
            RelayStore store = new RelayStore(dialect, settings, JsonCodec.jackson());
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                List<ClaimedMessage> batch = store.claim(c, NOW, ScanFloor.FROM_START);
                assertEquals(List.of(a1, a2, b, none), batch.stream().map(ClaimedMessage::seq).toList(),
                        "heads and the follower of a, in order; c is not due");
                assertEquals("payload-" + a1, new String(batch.get(0).message().payload(), StandardCharsets.UTF_8));
                assertEquals(Instant.parse("2026-03-29T01:29:55.123456Z"), batch.get(0).message().createdAt());
                store.complete(c, List.of(
                        new Outcome(batch.get(0), Outcome.Kind.DELIVERED, null),
                        new Outcome(batch.get(1), Outcome.Kind.FAILED, "refused"),
                        new Outcome(batch.get(2), Outcome.Kind.UNAVAILABLE, "broker down"),
                        new Outcome(batch.get(3), Outcome.Kind.NOT_ATTEMPTED, null)), NOW);
            }
            try (Connection c = ds.getConnection()) {
                assertEquals(retention.isZero() ? "gone" : "DELIVERED 0 " + NOW.minusSeconds(5) + " delivered " + NOW,
                        row(c, dialect, a1));
                assertEquals("PENDING 1 " + NOW.plusSeconds(1) + " refused", row(c, dialect, a2));
                assertEquals("PENDING 0 " + NOW.plusSeconds(1) + " broker down", row(c, dialect, b));
                assertEquals("PENDING 0 " + NOW.minusSeconds(5), row(c, dialect, none));
                assertEquals("PENDING 0 " + NOW.plusSeconds(60), row(c, dialect, later));
            }
            if (!retention.isZero()) {
                Clock clock = Clock.fixed(NOW.plus(Duration.ofDays(2)), ZoneOffset.UTC);
                RetentionPurger purger = new RetentionPurger(ds, dialect, settings.toBuilder()
                        .purge(Duration.ofMinutes(1), 1).build(), clock);
                assertTrue(purger.purgeOnce(), "a full batch of one");
                assertFalse(purger.purgeOnce());
                try (Connection c = ds.getConnection()) {
                    assertEquals("gone", row(c, dialect, a1));
                    assertEquals("PENDING 1 " + NOW.plusSeconds(1) + " refused", row(c, dialect, a2));
                }
            }
            Set<String> expected = new TreeSet<>();
            if (mode == H2Compatibility.SQLSERVER) {
                expected.add("filtered index: CREATE INDEX … WHERE … (created without its filter)");
                if (!retention.isZero()) {
                    expected.add("DELETE TOP … WITH (READPAST, ROWLOCK)");
                }
            }
            assertEquals(expected, db.used());
        }
    }

    /** Writes a message as {@code JtaOutbox} does (its insert is the same on every database). */
    private static long write(DataSource ds, SqlDialect dialect, String key, Instant availableAt) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO ferry_outbox"
                + " (id, topic, msg_key, msg_type, content_type, payload, headers, status, attempts, created_at,"
                + " available_at) VALUES (?, 't', ?, 'type', 'text/plain', ?, '{}', 'PENDING', 0, ?, ?)",
                new String[] {"seq"})) {
            ps.setString(1, UUID.randomUUID().toString());
            ps.setString(2, key);
            ps.setBytes(3, new byte[0]);
            dialect.setInstant(ps, 4, NOW.minusSeconds(5));
            dialect.setInstant(ps, 5, availableAt);
            ps.executeUpdate();
            long seq;
            try (ResultSet rs = ps.getGeneratedKeys()) {
                rs.next();
                seq = rs.getLong(1);
            }
            try (PreparedStatement p = c.prepareStatement("UPDATE ferry_outbox SET payload = ? WHERE seq = ?")) {
                p.setBytes(1, ("payload-" + seq).getBytes(StandardCharsets.UTF_8));
                p.setLong(2, seq);
                p.executeUpdate();
            }
            return seq;
        }
    }

    private static String row(Connection c, SqlDialect dialect, long seq) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT status, attempts, available_at, delivered_at, last_error FROM ferry_outbox WHERE seq = "
                        + seq)) {
            if (!rs.next()) {
                return "gone";
            }
            String error = rs.getString("last_error");
            Instant delivered = dialect.getInstant(rs, "delivered_at");
            return rs.getString("status") + " " + rs.getInt("attempts") + " " + dialect.getInstant(rs, "available_at")
                    + (delivered == null ? "" : " delivered " + delivered) + (error == null ? "" : " " + error);
        }
    }
}
