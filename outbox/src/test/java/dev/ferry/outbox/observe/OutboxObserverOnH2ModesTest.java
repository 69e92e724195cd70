package dev.ferry.outbox.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ferry.outbox.config.OutboxSettings;
import dev.ferry.runtime.health.HealthThresholds;
import dev.ferry.runtime.sql.SqlDialect;
import dev.ferry.runtime.telemetry.Telemetry;
import dev.ferry.runtime.testing.H2Compatibility;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The backlog query of {@link OutboxObserver} as it is built for SQL Server and Oracle, run on H2's
 * compatibility modes on the table of the dialect's own migration (PostgreSQL and MariaDB run it in
 * {@code OutboxContractTest}).
 */
class OutboxObserverOnH2ModesTest {

    private static final Instant NOW = Instant.parse("2026-03-29T01:30:00.123456Z");

    @ParameterizedTest
    @EnumSource(H2Compatibility.class)
    void countsPendingAndDeadAndAgesTheOldestPending(H2Compatibility mode) throws Exception {
        H2Compatibility.Database db = mode.newDatabase("observer");
        OutboxSettings settings = OutboxSettings.builder().build();
        db.createTable("outbox", settings.table());
        SqlDialect dialect = mode.dialect();
        DataSource ds = db.dataSource();
        OutboxObserver observer = new OutboxObserver(ds, dialect, settings, null, null, Telemetry.none(),
                HealthThresholds.none(), Clock.fixed(NOW, ZoneOffset.UTC));
        assertEquals(new OutboxFigures(0, Duration.ZERO, 0), observer.read());

        write(ds, dialect, "DEAD", NOW.minusSeconds(90));
        write(ds, dialect, "PENDING", NOW.minusSeconds(60));
        write(ds, dialect, "PENDING", NOW.minusSeconds(30));
        write(ds, dialect, "DELIVERED", NOW.minusSeconds(120));
        assertEquals(new OutboxFigures(2, Duration.ofSeconds(60), 1), observer.read());
    }

    private static void write(DataSource ds, SqlDialect dialect, String status, Instant createdAt) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO ferry_outbox"
                + " (id, topic, msg_key, msg_type, content_type, payload, headers, status, attempts, created_at,"
                + " available_at) VALUES (?, 't', 'k', 'type', 'text/plain', ?, '{}', ?, 0, ?, ?)")) {
            ps.setString(1, UUID.randomUUID().toString());
            ps.setBytes(2, new byte[0]);
            ps.setString(3, status);
            dialect.setInstant(ps, 4, createdAt);
            dialect.setInstant(ps, 5, createdAt);
            ps.executeUpdate();
        }
    }
}
