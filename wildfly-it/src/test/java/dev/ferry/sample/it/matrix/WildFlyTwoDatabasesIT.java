package dev.ferry.sample.it.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ferry.runtime.testing.fault.LocalPostgresCluster;
import dev.ferry.sample.it.matrix.CheckoutLedger.Database;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Several outboxes in several databases, in WildFly 35 (port offset 700) over a PostgreSQL cluster of the test's own
 * with {@code max_prepared_transactions = 10} (two-phase commit; the machine's server is left as it is): databases
 * {@code ferry_orders} (the default outbox, XA data source FerryPostgres) and {@code ferry_billing}
 * ({@code @FerryOutbox("billing")}, XA data source FerryBilling). One EJB transaction writes a row and a message to
 * each. Proved here: the four inserts commit together or not at all, each in its database's own transaction (by
 * {@code txid_current()}); each outbox's relay publishes its own messages and no other's, and has its own health
 * checks; and a server that dies
 * between the two phases of the commit (after both databases prepared) is completed by the server's transaction
 * recovery after a restart: both branches committed, both messages published, no prepared transaction left. Last,
 * a WAR injecting a named outbox it does not configure is refused, naming the keys to set.
 */
class WildFlyTwoDatabasesIT {

    private static final int CHECKOUTS = 60;
    /** WildFly's management interface: 9990 plus the port offset 700. */
    private static final String MANAGEMENT = "http://127.0.0.1:10690";
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void oneTransactionTwoDatabasesEachOutboxItsOwnRelayAndACrashBetweenThePhasesRecovered() throws Exception {
        try (LocalPostgresCluster pg = LocalPostgresCluster.start("two-databases", 25470,
                Map.of("max_prepared_transactions", "10"))) {
            Database orders = new Database(pg.createDatabase("ferry_orders"), "shop_order");
            Database billing = new Database(pg.createDatabase("ferry_billing"), "invoice");
            CheckoutLedger ledger = new CheckoutLedger(pg.user());
            ledger.createBusinessTable(orders);
            ledger.createBusinessTable(billing);
            Path work = Path.of(System.getProperty("ferry.matrix.dir", "target/matrix")).toAbsolutePath()
                    .resolve("two-databases");
            WildFlyServer server = new WildFlyServer(AppServer.Pool.XA, "ferry_orders", pg.port(), work, 700)
                    .environment("FERRY_PG_BILLING_DATABASE", "ferry_billing")
                    // recovery passes every 5 s instead of 2 min, so the test waits on recovery, not on its timer
                    .systemProperty("RecoveryEnvironmentBean.periodicRecoveryPeriod", "5")
                    .systemProperty("RecoveryEnvironmentBean.recoveryBackoffPeriod", "2");
            server.start();
            try {
                server.deploy("twodb", MatrixWars.twoDatabases(work.resolve("wars")));
                ledger.watchOutbox(orders);
                ledger.watchOutbox(billing);
                String base = server.baseUrl() + "/twodb/checkouts";

                // 1. many checkouts, every third rolled back after its four writes
                List<String> committed = new ArrayList<>();
                List<String> rolledBack = new ArrayList<>();
                for (int i = 0; i < CHECKOUTS; i++) {
                    String id = "c-" + i;
                    boolean fail = i % 3 == 2;
                    int status = post(base + "?id=" + id + "&fail=" + fail);
                    assertEquals(fail ? 409 : 204, status, "checkout " + id);
                    (fail ? rolledBack : committed).add(id);
                }
                List<String> problems = new ArrayList<>();
                for (String id : committed) {
                    expectCommitted(ledger, orders, billing, id, problems);
                }
                for (String id : rolledBack) {
                    List<String> left = new ArrayList<>(ledger.writes(orders, id));
                    left.addAll(ledger.writes(billing, id));
                    if (!left.isEmpty()) {
                        problems.add(id + " rolled back but left " + left);
                    }
                }
                assertEquals(List.of(), problems, "atomicity over two databases; see " + server.log());
                AtomicityChecks.log(committed.size() + " checkouts committed 4 inserts each in one transaction per"
                        + " database, " + rolledBack.size() + " rolled back left none");

                // 2. each relay publishes its own messages, and only those
                TreeSet<String> expected = new TreeSet<>();
                committed.forEach(id -> {
                    expected.add("default orders " + id);
                    expected.add("billing invoices " + id);
                });
                await("every committed message published once, by its own outbox's relay", () -> {
                    List<String> lines = published(base);
                    return lines.size() == expected.size() && new TreeSet<>(lines).equals(expected);
                });
                AtomicityChecks.log(expected.size() + " messages published, each by its own outbox's relay");
                for (String check : List.of("ferry-outbox-billing", "ferry-outbox-relay-billing", "ferry-outbox",
                        "ferry-outbox-relay")) {
                    await("health check " + check + " UP", () -> java.util.regex.Pattern.compile("\"name\"\\s*:\\s*\""
                            + check + "\"\\s*,\\s*\"status\"\\s*:\\s*\"UP\"").matcher(get(MANAGEMENT + "/health"))
                            .find());
                }

                // 3. the server dies between the phases: both databases prepared, neither committed
                String crash = "crash-1";
                try {
                    int status = post(base + "?id=" + crash + "&halt=true");
                    fail("the server answered " + status + " instead of halting in phase two");
                } catch (IOException expectedDeath) {
                    // the JVM halted while the request was in flight
                }
                assertTrue(server.jvm().onExit().get(2, TimeUnit.MINUTES) != null, "the server's JVM is gone");
                String clusterUrl = pg.jdbcUrl("postgres");
                List<String> prepared = ledger.preparedTransactions(clusterUrl);
                AtomicityChecks.log("server halted in phase two; prepared transactions: " + prepared);
                assertEquals(List.of("ferry_billing", "ferry_orders"), prepared.stream().map(p -> p.split(" ")[0])
                        .toList(), "one prepared branch in each database after the halt");
                assertEquals(List.of(), ledger.writes(orders, crash), "nothing committed in orders before recovery");
                assertEquals(List.of(), ledger.writes(billing, crash), "nothing committed in billing before recovery");

                // 4. restarted on the same data directory: the transaction recovery commits both branches
                server.restart();
                await("the server's recovery commits both prepared branches", () ->
                        ledger.preparedTransactions(clusterUrl).isEmpty() && ledger.writes(orders, crash).size() == 2
                                && ledger.writes(billing, crash).size() == 2);
                List<String> afterRecovery = new ArrayList<>();
                expectCommitted(ledger, orders, billing, crash, afterRecovery);
                assertEquals(List.of(), afterRecovery, "the recovered checkout");
                await("the recovered messages published by their own relays", () -> {
                    List<String> lines = published(base);
                    return lines.contains("default orders " + crash) && lines.contains("billing invoices " + crash)
                            && ledger.outboxStatus(orders, crash).equals(List.of("DELIVERED"))
                            && ledger.outboxStatus(billing, crash).equals(List.of("DELIVERED"));
                });
                List<String> lines = published(base);
                assertTrue(lines.stream().noneMatch(l -> l.startsWith("default invoices")
                        || l.startsWith("billing orders")), "no relay published the other's messages: " + lines);
                AtomicityChecks.log("after the restart: both branches committed by recovery, "
                        + ledger.preparedTransactions(clusterUrl).size() + " prepared left, both messages published");

                // 5. injecting a named outbox nobody configured fails the deployment, naming the keys to set
                AssertionError refused = assertThrows(AssertionError.class, () -> server.deploy("unconfigured",
                        MatrixWars.unconfiguredOutbox(work.resolve("wars"))));
                assertTrue(refused.getMessage().contains("Ferry outbox 'audit' is injected at "
                        + "dev.ferry.sample.it.matrix.twodb.unconfigured.AuditService.audit but not configured: set"
                        + " ferry.outboxes.audit.datasource"), refused.getMessage());
                server.undeploy("unconfigured");
                AtomicityChecks.log("a WAR injecting @FerryOutbox(\"audit\") without its keys was refused");
            } finally {
                server.stop();
            }
        }
    }

    /** Adds a problem unless each database holds the checkout's row and message, committed in one transaction. */
    private static void expectCommitted(CheckoutLedger ledger, Database orders, Database billing, String id,
            List<String> problems) throws Exception {
        for (Database db : List.of(orders, billing)) {
            List<String> writes = ledger.writes(db, id);
            if (writes.size() != 2 || !writes.get(0).startsWith(db.table() + "@")
                    || !writes.get(1).startsWith("ferry_outbox@")
                    || !writes.get(0).split("@")[1].equals(writes.get(1).split("@")[1])) {
                problems.add(id + " in " + db.table() + "'s database: expected the row and the message in one"
                        + " transaction, found " + writes);
            }
        }
    }

    private static int post(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static String get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static List<String> published(String base) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/published"))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body().isBlank() ? List.of() : List.of(r.body().split("\n"));
    }

    private static void await(String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (condition.call()) {
                    return;
                }
            } catch (IOException | java.sql.SQLException e) {
                last = e; // the server or a database is still coming up
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not within " + WAIT.toSeconds() + " s: " + what
                + (last == null ? "" : " (last error: " + last + ")"));
    }
}
