package dev.ferry.bench;

import dev.ferry.runtime.schema.SchemaScript;
import dev.ferry.runtime.sql.TableName;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/** Plain JDBC on the benchmark database: schemas, bulk loads, counts. */
final class Db {

    private final BenchOptions options;

    Db(BenchOptions options) {
        this.options = options;
    }

    BenchOptions options() {
        return options;
    }

    /** @return a new plain connection with auto-commit on */
    Connection connect() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", options.user());
        if (options.password() != null) {
            p.setProperty("password", options.password());
        }
        p.setProperty("ApplicationName", "ferry-bench");
        return DriverManager.getConnection(options.jdbcUrl(), p);
    }

    /** Drops the schema if it exists and creates it empty. */
    void freshSchema(String schema) throws SQLException {
        execute(options.database().freshSchema(schema));
    }

    void dropSchema(String schema) throws SQLException {
        execute(options.database().dropSchema(schema));
    }

    void execute(String... statements) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    /** Creates a Ferry outbox table from Ferry's own DDL for this database, in an existing schema. */
    void createFerryOutbox(String schema, String table) throws SQLException {
        execute(SchemaScript.load(options.database().ferryDialect(), "outbox")
                .statements(new TableName(schema, table)).toArray(String[]::new));
    }

    long count(String sql) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    String text(String sql) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /**
     * The SQL expression of a JSON payload of about {@code bytes} bytes for row {@code g} (an
     * integer expression), the same shape as {@link #payload(long, int)}.
     */
    static String payloadSql(String g, int bytes) {
        int pad = Math.max(0, bytes - 80);
        return "'{\"orderId\":\"' || lpad((" + g + ")::text, 10, '0') || '\",\"customer\":\"customer-'"
                + " || lpad(((" + g + ") % 1000)::text, 4, '0') || '\",\"totalCents\":\"' || lpad(((" + g
                + ") % 100000)::text, 6, '0') || '\",\"note\":\"" + "x".repeat(pad) + "\"}'";
    }

    /** @return a JSON payload of about {@code bytes} bytes */
    static String payload(long g, int bytes) {
        int pad = Math.max(0, bytes - 80);
        return String.format(Locale.ROOT, "{\"orderId\":\"%010d\",\"customer\":\"customer-%04d\","
                + "\"totalCents\":\"%06d\",\"note\":\"%s\"}", g, g % 1000, g % 100000, "x".repeat(pad));
    }

    /**
     * Fills an existing, empty Ferry outbox table with {@code n} due messages on {@code keys} keys, as
     * fast as PostgreSQL allows: secondary indexes are dropped, rows inserted from
     * {@code generate_series} in one statement, the indexes rebuilt, then {@code VACUUM ANALYZE}
     * (what autovacuum does to a table after a large insert) and a {@code CHECKPOINT}, so that the
     * load's writes do not land in the measurement that follows.
     *
     * @return seconds taken
     */
    double loadFerryOutbox(String schema, String table, int n, int keys) throws SQLException {
        return loadFerryOutbox(schema, table, n, keys, "NULL");
    }

    /**
     * As {@link #loadFerryOutbox(String, String, int, int)}, each row's headers being
     * {@code headersSql}, an SQL text expression over the row number {@code g} (or {@code NULL}).
     *
     * @return seconds taken
     */
    double loadFerryOutbox(String schema, String table, int n, int keys, String headersSql) throws SQLException {
        long t0 = System.nanoTime();
        String qualified = schema + "." + table;
        try (Connection c = connect()) {
            List<String> indexes = secondaryIndexes(c, schema, table);
            try (Statement st = c.createStatement()) {
                for (String[] ix : indexes.stream().map(s -> s.split("\u0000", 2)).toList()) {
                    st.execute("DROP INDEX " + schema + "." + ix[0]);
                }
                st.execute("SET synchronous_commit = off");
                st.execute("INSERT INTO " + qualified
                        + " (id, topic, msg_key, msg_type, content_type, payload, headers,"
                        + " status, attempts, created_at, available_at)"
                        + " SELECT gen_random_uuid()::text, 'orders', 'key-' || (g % " + keys + "), 'OrderPlaced',"
                        + " 'application/json', convert_to(" + payloadSql("g", options.payloadBytes()) + ", 'UTF8'),"
                        + " " + headersSql + ", 'PENDING', 0, ts, ts"
                        + " FROM generate_series(0, " + (n - 1) + ") g,"
                        + " (SELECT (now() AT TIME ZONE 'UTC') - interval '1 second' AS ts) t");
                for (String[] ix : indexes.stream().map(s -> s.split("\u0000", 2)).toList()) {
                    st.execute(ix[1]);
                }
                st.execute("VACUUM ANALYZE " + qualified);
                st.execute("CHECKPOINT"); // the load's dirty pages written now, not during the drain measured next
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /**
     * The SQL expression of a message's headers holding a W3C {@code traceparent} of its own for row
     * {@code g} (an integer expression), sampled, as {@code Outbox.publish} stores for a caller in a
     * traced request: a trace id and a parent span id drawn from {@code md5} of the row number.
     */
    static String traceHeadersSql(String g) {
        return "'{\"traceparent\":\"00-' || md5((" + g + ")::text) || '-' || substr(md5('span-' || (" + g
                + ")), 1, 16) || '-01\"}'";
    }

    /** @return "name\0definition" of each index that does not back a constraint */
    static List<String> secondaryIndexes(Connection c, String schema, String table) throws SQLException {
        List<String> result = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT i.indexname, i.indexdef FROM pg_indexes i"
                + " WHERE i.schemaname = ? AND i.tablename = ? AND NOT EXISTS (SELECT 1 FROM pg_constraint k"
                + " JOIN pg_namespace n ON n.oid = k.connamespace WHERE n.nspname = i.schemaname"
                + " AND k.conname = i.indexname)")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(rs.getString(1) + "\u0000" + rs.getString(2));
                }
            }
        }
        return result;
    }
}
