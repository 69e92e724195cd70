package dev.ferry.outbox.example;

import dev.ferry.outbox.Outbox;
import dev.ferry.outbox.OutboxMessage;
import dev.ferry.outbox.config.OutboxSettings;
import dev.ferry.outbox.engine.OutboxEngine;
import dev.ferry.outbox.inprocess.InProcessPublisher;
import dev.ferry.outbox.spi.OutgoingMessage;
import dev.ferry.runtime.se.JavaSeEnvironment;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A runnable Java SE example: writes orders and their outbox messages in JTA transactions (one of
 * them rolled back), and relays what committed to an in-process listener that prints it.
 *
 * <p>Database: {@code FERRY_EXAMPLE_JDBC_URL} (with {@code _USER}, {@code _PASSWORD}), by default an
 * embedded in-memory H2 so it runs on any machine; tables go to schema {@code ferry_example}.
 */
public final class OutboxExample {

    private OutboxExample() {
    }

    public static void main(String[] args) throws Exception {
        String url = env("FERRY_EXAMPLE_JDBC_URL", "jdbc:h2:mem:ferry_example;DB_CLOSE_DELAY=-1");
        String user = env("FERRY_EXAMPLE_JDBC_USER", url.startsWith("jdbc:h2:") ? "sa" : "postgres");
        String password = env("FERRY_EXAMPLE_JDBC_PASSWORD", "");
        System.out.println("Ferry outbox example on " + url);

        CountDownLatch published = new CountDownLatch(3);
        try (JavaSeEnvironment env = JavaSeEnvironment.builder().jdbcUrl(url).user(user).password(password)
                .objectStoreDirectory(Path.of("target", "narayana")).build()) {
            try (Connection c = env.workerDataSource().getConnection(); Statement st = c.createStatement()) {
                st.execute(url.startsWith("jdbc:mariadb") || url.startsWith("jdbc:mysql")
                        ? "CREATE DATABASE IF NOT EXISTS ferry_example" : "CREATE SCHEMA IF NOT EXISTS ferry_example");
                st.execute("CREATE TABLE IF NOT EXISTS ferry_example.orders"
                        + " (id VARCHAR(36) PRIMARY KEY, total_cents BIGINT)");
                st.execute("DELETE FROM ferry_example.orders");
                c.commit();
            }
            OutboxEngine engine = OutboxEngine.builder()
                    .environment(env)
                    .settings(OutboxSettings.builder().schema("ferry_example").build())
                    .publisher(new InProcessPublisher(m -> {
                        print(m);
                        published.countDown();
                    }))
                    .createTables(true)
                    .build();
            try (engine) {
                engine.start();
                Outbox outbox = engine.outbox();

                for (int i = 1; i <= 3; i++) {
                    String id = "order-" + i;
                    long cents = 1000L * i;
                    env.transactions().inNewTransaction(() -> {
                        insertOrder(env, id, cents);
                        return outbox.publish(OutboxMessage.builder("orders").key(id).type("OrderPlaced")
                                .payload(Map.of("orderId", id, "totalCents", cents)).build());
                    });
                    System.out.println("committed   " + id + " and its OrderPlaced message");
                }

                env.userTransaction().begin();
                insertOrder(env, "order-4", 4000);
                outbox.publish("orders", "order-4", Map.of("orderId", "order-4"));
                env.userTransaction().rollback();
                System.out.println("rolled back order-4: neither the order nor its message exists");

                try {
                    outbox.publish("orders", "order-5", Map.of("orderId", "order-5"));
                } catch (IllegalStateException e) {
                    System.out.println("refused     a publish outside a transaction: " + e.getMessage());
                }

                if (!published.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("The relay did not publish the 3 committed messages in 30 s");
                }
                Thread.sleep(500); // anything else (there should be nothing) would show up now
            }
            System.out.println("done: 3 committed messages published, the rolled-back one never was");
        }
    }

    private static void insertOrder(JavaSeEnvironment env, String id, long cents) throws Exception {
        try (Connection c = env.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "INSERT INTO ferry_example.orders (id, total_cents) VALUES (?, ?)")) {
            ps.setString(1, id);
            ps.setLong(2, cents);
            ps.executeUpdate();
        }
    }

    private static void print(OutgoingMessage m) {
        System.out.println("published   " + m.topic() + " key=" + m.key() + " type=" + m.type() + " id=" + m.id()
                + " payload=" + m.payloadAsString());
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
