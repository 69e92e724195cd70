package dev.ferry.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A few of MariaDB's global status counters, read before and after a drain and printed per message:
 * the server's work behind a rate (statements, index entries read, buffer pool page reads, lock
 * waits). The counters are the whole server's: other clients' work counts too.
 */
final class MariaDbCounters {

    /** Counter name and how it is printed. */
    private static final Map<String, String> COUNTERS = new LinkedHashMap<>();

    static {
        COUNTERS.put("Questions", "statements");
        COUNTERS.put("Com_select", "SELECTs");
        COUNTERS.put("Com_delete", "DELETEs");
        COUNTERS.put("Handler_read_key", "index lookups");
        COUNTERS.put("Handler_read_next", "index next");
        COUNTERS.put("Innodb_buffer_pool_read_requests", "page reads");
        COUNTERS.put("Innodb_row_lock_waits", "lock waits");
    }

    private final Map<String, Long> values;

    private MariaDbCounters(Map<String, Long> values) {
        this.values = values;
    }

    /** @return the counters now */
    static MariaDbCounters read(Db db) throws SQLException {
        Map<String, Long> values = new LinkedHashMap<>();
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SHOW GLOBAL STATUS")) {
            while (rs.next()) {
                if (COUNTERS.containsKey(rs.getString(1))) {
                    values.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return new MariaDbCounters(values);
    }

    /** @return the counters' growth since {@code before}, divided by {@code messages} */
    String perMessageSince(MariaDbCounters before, long messages) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : COUNTERS.entrySet()) {
            double d = (values.getOrDefault(e.getKey(), 0L) - before.values.getOrDefault(e.getKey(), 0L))
                    / (double) messages;
            b.append(b.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f %s", d, e.getValue()));
        }
        return b.toString();
    }
}
