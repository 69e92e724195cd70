package dev.ferry.sample.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts what a crash left in the sample's database, once the server is up again: waits until every saga is
 * terminal, every outbox message delivered and every order's {@code OrderPlaced} received, then lists each
 * broken promise. Nothing lost: every acknowledged order is there with its saga, and every committed order's
 * message arrived. Nothing twice: each step's effect exists once, each order's message was received once. Nothing
 * without its cause: no saga, effect or received message without its committed order. Orders that neither
 * {@link OrderStream} placed nor the server acknowledged (an earlier check's, in the same database) are counted for
 * loss, duplicates and delivery, but their saga's outcome is theirs to check.
 */
public final class SampleCrashAudit {

    private static final Map<String, Long> COMPLETED_EFFECTS = new TreeMap<>(Map.of("reserve-stock", 1L,
            "charge", 1L, "ship", 1L));
    private static final Map<String, Long> COMPENSATED_EFFECTS = new TreeMap<>(Map.of("reserve-stock", 1L,
            "release-stock", 1L));

    private final String url;
    private final String user;
    private final String password;

    /**
     * @param database the sample's PostgreSQL database on the machine's server ({@link SampleDatabase#HOST})
     */
    public SampleCrashAudit(String database) {
        this("jdbc:postgresql://" + SampleDatabase.HOST + ":" + SampleDatabase.PORT + "/" + database,
                SampleDatabase.USER, SampleDatabase.PASSWORD);
    }

    /**
     * @param url the JDBC URL of the sample's PostgreSQL database
     * @param user its user
     * @param password the user's password
     */
    public SampleCrashAudit(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** @return "sagas by status, undelivered and received counts": what the crash interrupted, for the log */
    public String snapshot() throws SQLException {
        return "orders " + count("SELECT COUNT(*) FROM sample_order")
                + ", sagas " + map("SELECT status, COUNT(*) FROM ferry_saga GROUP BY status")
                + ", outbox not delivered " + count("SELECT COUNT(*) FROM ferry_outbox WHERE status <> 'DELIVERED'")
                + ", received " + count("SELECT COUNT(*) FROM sample_received_event");
    }

    /** @return sagas that are not terminal */
    public long openSagas() throws SQLException {
        return count("SELECT COUNT(*) FROM ferry_saga WHERE status NOT IN ('COMPLETED', 'COMPENSATED')");
    }

    /**
     * Waits until the work the crash interrupted is done, then checks every promise.
     *
     * @param acknowledged the orders the server acknowledged before the crash
     * @param timeout how long the recovery may take
     * @return the broken promises; empty when none
     * @throws Exception if the database cannot be read
     */
    public List<String> afterRecovery(List<OrderStream.Placed> acknowledged, Duration timeout) throws Exception {
        List<String> problems = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long orders = count("SELECT COUNT(*) FROM sample_order");
            long open = openSagas();
            long undelivered = count("SELECT COUNT(*) FROM ferry_outbox WHERE status <> 'DELIVERED'");
            long withoutEvent = count("SELECT COUNT(*) FROM sample_order o WHERE NOT EXISTS"
                    + " (SELECT 1 FROM sample_received_event e WHERE e.orderid = o.id)");
            if (open == 0 && undelivered == 0 && withoutEvent == 0) {
                break;
            }
            if (System.nanoTime() > deadline) {
                problems.add("not done " + timeout.toSeconds() + " s after the restart: " + open + " sagas open, "
                        + undelivered + " messages not delivered, " + withoutEvent + " of " + orders
                        + " orders without their OrderPlaced; " + snapshot());
                break;
            }
            Thread.sleep(200);
        }

        Map<String, Map<String, Object>> orders = new HashMap<>();
        for (Map<String, Object> row : rows("SELECT o.id AS id, o.sagaid AS order_saga, o.status AS order_status,"
                + " s.id AS saga, s.status AS saga_status, o.customer AS customer FROM sample_order o"
                + " LEFT JOIN ferry_saga s ON s.idempotency_key = 'order-' || o.id")) {
            if (orders.put((String) row.get("id"), row) != null) {
                problems.add("order " + row.get("id") + " has more than one saga");
            }
        }
        for (OrderStream.Placed p : acknowledged) {
            Map<String, Object> row = orders.get(p.orderId());
            if (row == null) {
                problems.add("acknowledged order " + p.orderId() + " is not in the database (lost)");
            } else if (!p.sagaId().equals(row.get("saga")) || !p.sagaId().equals(row.get("order_saga"))) {
                problems.add("acknowledged order " + p.orderId() + " has saga " + row.get("saga") + " (order row: "
                        + row.get("order_saga") + "), acknowledged with " + p.sagaId());
            }
        }
        long orphanSagas = count("SELECT COUNT(*) FROM ferry_saga s WHERE s.idempotency_key LIKE 'order-%'"
                + " AND NOT EXISTS (SELECT 1 FROM sample_order o WHERE s.idempotency_key = 'order-' || o.id)");
        if (orphanSagas > 0) {
            problems.add(orphanSagas + " sagas without their order (a rolled-back request's saga ran)");
        }

        Map<String, Map<String, Long>> effects = new HashMap<>();
        for (Map<String, Object> row : rows("SELECT orderid, action, COUNT(*) AS n FROM sample_fulfilment_step"
                + " GROUP BY orderid, action")) {
            effects.computeIfAbsent((String) row.get("orderid"), k -> new TreeMap<>())
                    .put((String) row.get("action"), ((Number) row.get("n")).longValue());
        }
        for (Map<String, Object> row : orders.values()) {
            String id = (String) row.get("id");
            if (customerNumber((String) row.get("customer")) < 0
                    && acknowledged.stream().noneMatch(p -> p.orderId().equals(id))) {
                continue; // placed by an earlier check with its own expectations: counted below for delivery only
            }
            boolean failPayment = acknowledged.stream().anyMatch(p -> p.orderId().equals(id) && p.failPayment())
                    || customerNumber((String) row.get("customer")) % 10 == 9;
            String status = failPayment ? "COMPENSATED" : "COMPLETED";
            Map<String, Long> expected = failPayment ? COMPENSATED_EFFECTS : COMPLETED_EFFECTS;
            Map<String, Long> actual = effects.getOrDefault(id, Map.of());
            if (!status.equals(row.get("saga_status"))) {
                problems.add("order " + id + ": saga " + row.get("saga") + " is " + row.get("saga_status")
                        + ", expected " + status);
            } else if (!expected.equals(new TreeMap<>(actual))) {
                problems.add("order " + id + " (" + status + ") has step effects " + actual + ", expected " + expected);
            }
        }
        effects.keySet().stream().filter(id -> !orders.containsKey(id)).limit(5)
                .forEach(id -> problems.add("step effects for order " + id + ", which never committed"));

        Map<String, Long> received = new HashMap<>();
        for (Map<String, Object> row : rows("SELECT orderid, COUNT(*) AS n FROM sample_received_event"
                + " GROUP BY orderid")) {
            received.put((String) row.get("orderid"), ((Number) row.get("n")).longValue());
        }
        for (String id : orders.keySet()) {
            long n = received.getOrDefault(id, 0L);
            if (n != 1) {
                problems.add("order " + id + ": OrderPlaced received " + n + " times, expected once");
            }
        }
        received.keySet().stream().filter(id -> !orders.containsKey(id)).limit(5)
                .forEach(id -> problems.add("OrderPlaced received for order " + id + ", which never committed"));
        long dead = count("SELECT COUNT(*) FROM ferry_outbox WHERE status = 'DEAD'");
        if (dead > 0) {
            problems.add(dead + " dead messages in ferry_outbox");
        }
        return problems;
    }

    /** @return the n of the customer "burst-n", -1 for another customer */
    private static int customerNumber(String customer) {
        return customer != null && customer.startsWith("burst-") ? Integer.parseInt(customer.substring(6)) : -1;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    private long count(String sql) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Map<String, Long> map(String sql) throws SQLException {
        Map<String, Long> out = new TreeMap<>();
        for (Map<String, Object> row : rows(sql)) {
            var values = row.values().iterator();
            out.put(String.valueOf(values.next()), ((Number) values.next()).longValue());
        }
        return out;
    }

    private List<Map<String, Object>> rows(String sql) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Map<String, Object> row = new java.util.LinkedHashMap<>();
                for (int i = 1; i <= n; i++) {
                    row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                }
                out.add(row);
            }
        }
        return out;
    }
}
