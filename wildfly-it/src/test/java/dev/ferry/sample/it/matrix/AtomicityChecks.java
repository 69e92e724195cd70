package dev.ferry.sample.it.matrix;

import static org.junit.jupiter.api.Assertions.fail;

import dev.ferry.sample.it.matrix.InvoiceClient.Created;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The checks every server × pool combination runs, on one server start: the user-style invoice application
 * ({@code dev.ferry.sample.it.matrix.app}) is deployed, {@code tx_log} triggers record the PostgreSQL transaction id
 * of every committed write, and the checks compare those ids (not outcomes alone) with what Ferry promises.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class AtomicityChecks {

    static final String APP = "invoices";
    private static final Set<String> TERMINAL = Set.of("COMPLETED", "COMPENSATED");
    private static final Duration SAGA_WAIT = Duration.ofSeconds(90);
    private static final Duration DELIVERY_WAIT = Duration.ofSeconds(90);
    /** The time from the application being up again after a kill -9 until every saga is terminal. */
    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(10);
    private static final Duration RECOVERY_WAIT = Duration.ofSeconds(120);
    private static final String JSON = "{\"amount_cents\":42}";

    private final Path work = Path.of(System.getProperty("ferry.matrix.dir", "target/matrix")).toAbsolutePath();
    private AppServer server;
    private MatrixDatabase db;
    private InvoiceClient client;
    private boolean deployed;
    private AssertionError deploymentFailure;

    /**
     * @param database the database the server's pool must point at
     * @param workDir where the server's files go
     * @return the server and pool under test (not started)
     */
    protected abstract AppServer server(String database, Path workDir);

    /** @return the name of this combination's database (dropped and created before the server starts) */
    protected abstract String database();

    @BeforeAll
    void startServer() throws Exception {
        db = new MatrixDatabase(database());
        db.recreate();
        server = server(db.name, work);
        long t = System.nanoTime();
        log("starting " + server);
        server.start();
        log(server.name() + " started in " + since(t) + "; log: " + server.log());
        client = new InvoiceClient(server.baseUrl() + "/" + APP);
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.stop();
            log(server.name() + " stopped; log: " + server.log());
        }
    }

    /** Deploys the invoice application once, then installs the triggers on its (and Ferry's) tables. */
    private void ensureApp() throws Exception {
        if (deploymentFailure != null) {
            throw new AssertionError("not run: " + APP + " could not be deployed on " + server.name()
                    + " (see the first failed check); server log: " + server.log());
        }
        if (deployed) {
            return;
        }
        try {
            long t = System.nanoTime();
            server.deploy(APP, MatrixWars.invoices(work.resolve("wars")));
            db.installTriggers();
            deployed = true;
            log(APP + " deployed in " + since(t));
        } catch (AssertionError e) {
            deploymentFailure = e;
            throw e;
        }
    }

    /**
     * Check 1: each saga step's JPA row commits in the very transaction that records the step in
     * {@code ferry_saga}, and the "post" step's outbox message in that transaction too; the request's invoice row,
     * its {@code InvoiceCreated} message and the saga's creation share one transaction.
     */
    @Test
    @Order(1)
    void everyStepCommitsInOneTransactionWithItsSagaRecordAndItsMessage() throws Exception {
        ensureApp();
        List<Created> invoices = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            invoices.add(client.create(100L * i));
        }
        List<String> problems = new ArrayList<>();
        InvoiceClient.Reply bad = client.post("{\"amountCents\":\"lots\"}");
        if (bad.status() != 400) {
            problems.add("POST /invoices {\"amountCents\":\"lots\"} answered " + bad.status() + " " + bad.body()
                    + ", expected 400");
        }
        Map<String, String> status = awaitTerminal(invoices, problems);
        for (Created c : invoices) {
            String saga = "saga " + c.sagaId();
            if (!"COMPLETED".equals(status.get(c.sagaId()))) {
                problems.add(saga + " ended " + status.get(c.sagaId()) + ", expected COMPLETED");
            }
            problems.addAll(requestTransaction(c));
            Map<String, List<Long>> steps = stepTxids(c.sagaId());
            problems.addAll(eachOnceWithASagaUpdate(saga, c.sagaId(), steps, List.of("book", "post")));
            List<Long> posted = outboxTxids(c.invoiceId(), "InvoicePosted");
            List<Long> post = steps.getOrDefault("post", List.of());
            if (posted.size() != 1) {
                problems.add(saga + ": " + posted.size() + " committed InvoicePosted messages, expected 1");
            } else if (!post.contains(posted.get(0))) {
                problems.add(saga + ": InvoicePosted committed in transaction " + posted.get(0)
                        + ", the 'post' row in " + post);
            }
        }
        log("check 1 (one transaction per step), " + invoices.size() + " invoices: " + problems.size() + " problems");
        assertNoProblems("each step, its saga record and its message in one transaction", problems);
    }

    /**
     * Check 2: a step attempt that fails after writing its row and its message (both flushed to the database)
     * leaves neither: no "post" row and no {@code InvoicePosted} message ever committed or reached the consumer;
     * after its two attempts the saga is compensated ("unbook", in the transaction of its saga record).
     */
    @Test
    @Order(2)
    void aFailedAttemptLeavesNeitherItsRowNorItsMessage() throws Exception {
        ensureApp();
        List<Created> invoices = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            invoices.add(client.create(-100L * i));
        }
        List<String> problems = new ArrayList<>();
        Map<String, String> status = awaitTerminal(invoices, problems);
        // A leaked message would be delivered with the others: wait until the outbox is drained.
        Set<String> keys = invoices.stream().map(Created::invoiceId).collect(Collectors.toSet());
        awaitCondition("the InvoiceCreated messages of " + keys.size() + " invoices delivered", DELIVERY_WAIT,
                problems, () -> undelivered() == 0 && receivedKeys("InvoiceCreated").containsAll(keys));
        for (Created c : invoices) {
            String saga = "saga " + c.sagaId();
            if (!"COMPENSATED".equals(status.get(c.sagaId()))) {
                problems.add(saga + " ended " + status.get(c.sagaId()) + ", expected COMPENSATED");
            }
            problems.addAll(requestTransaction(c));
            Map<String, List<Long>> steps = stepTxids(c.sagaId());
            if (steps.containsKey("post")) {
                problems.add(saga + ": a failed 'post' attempt committed its row, in transaction(s) "
                        + steps.get("post"));
            }
            long rows = db.count("SELECT COUNT(*) FROM matrix_invoice_step WHERE saga_id = ? AND action = 'post'",
                    c.sagaId());
            if (rows > 0) {
                problems.add(saga + ": " + rows + " 'post' rows in matrix_invoice_step");
            }
            List<Long> posted = outboxTxids(c.invoiceId(), "InvoicePosted");
            if (!posted.isEmpty()) {
                problems.add(saga + ": a failed attempt committed its InvoicePosted message, in transaction(s) "
                        + posted);
            }
            long received = db.count("SELECT COUNT(*) FROM matrix_received_message WHERE msg_key = ?"
                    + " AND msg_type = 'InvoicePosted'", c.invoiceId());
            if (received > 0) {
                problems.add(saga + ": the consumer received " + received + " InvoicePosted message(s) of a failed"
                        + " attempt");
            }
            problems.addAll(eachOnceWithASagaUpdate(saga, c.sagaId(), steps, List.of("book", "unbook")));
        }
        log("check 2 (failed attempts), " + invoices.size() + " invoices: " + problems.size() + " problems");
        assertNoProblems("a failed step attempt leaves nothing behind", problems);
    }

    /**
     * Check 3: 200 requests from 4 client threads, SIGKILL of the server after 60 were acknowledged, a restart
     * with the same configuration: every acknowledged invoice is there with its saga, every saga reaches a
     * terminal status within {@link #RECOVERY_LIMIT} of the application being up again, no step effect exists
     * twice, and every committed message is received exactly once through the inbox.
     */
    @Test
    @Order(3)
    void killMinus9MidBurstLosesNothingDuplicatesNothingAndRecoversQuickly() throws Exception {
        ensureApp();
        int total = 200;
        int killAfter = 60;
        int threads = 4;
        Queue<Created> acknowledged = new ConcurrentLinkedQueue<>();
        Queue<String> clientErrors = new ConcurrentLinkedQueue<>();
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean killing = new AtomicBoolean();
        CountDownLatch enough = new CountDownLatch(killAfter);
        ExecutorService senders = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            senders.execute(() -> {
                while (!killing.get()) {
                    int i = next.getAndIncrement();
                    if (i >= total) {
                        return;
                    }
                    long amount = i % 10 == 9 ? -(i + 1) : i + 1; // every tenth saga is compensated
                    try {
                        InvoiceClient.Reply reply = client.post(amount);
                        if (reply.status() == 201) {
                            acknowledged.add(InvoiceClient.created(reply, amount));
                            enough.countDown();
                        } else if (!killing.get()) {
                            clientErrors.add("HTTP " + reply.status() + ": " + reply.body());
                        }
                    } catch (IOException e) {
                        if (!killing.get()) {
                            clientErrors.add(e.toString());
                        }
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }
        boolean reached = enough.await(2, TimeUnit.MINUTES);
        killing.set(true);
        if (reached) {
            server.kill9();
        }
        senders.shutdown();
        senders.awaitTermination(2, TimeUnit.MINUTES);
        if (!reached) {
            fail(server.name() + ": only " + acknowledged.size() + " of " + killAfter + " requests acknowledged in 2"
                    + " minutes; client errors: " + clientErrors + "\nserver log: " + server.log());
        }
        long openAtKill = db.count("SELECT COUNT(*) FROM ferry_saga WHERE status NOT IN ('COMPLETED', 'COMPENSATED')");
        log("kill -9 after " + acknowledged.size() + " acknowledged of " + next.get() + " sent; " + openAtKill
                + " sagas were not terminal");

        long restart = System.nanoTime();
        server.restart();
        long up = awaitUp(Duration.ofMinutes(3));
        log(server.name() + " up again " + since(restart) + " after the restart began");
        List<String> problems = new ArrayList<>();
        clientErrors.forEach(e -> problems.add("a request failed before the kill: " + e));
        Duration recovery = null;
        long deadline = up + RECOVERY_WAIT.toNanos();
        while (true) {
            long invoices = db.count("SELECT COUNT(*) FROM matrix_invoice");
            long sagas = db.count("SELECT COUNT(*) FROM ferry_saga WHERE saga_name = 'invoice'");
            long open = db.count("SELECT COUNT(*) FROM ferry_saga WHERE status NOT IN ('COMPLETED', 'COMPENSATED')");
            if (open == 0 && sagas >= invoices) {
                recovery = Duration.ofNanos(System.nanoTime() - up);
                break;
            }
            if (System.nanoTime() > deadline) {
                problems.add(0, "sagas not terminal " + RECOVERY_WAIT.toSeconds() + " s after the application was up"
                        + " again: " + db.map("SELECT status, COUNT(*) FROM ferry_saga GROUP BY status")
                        + " (" + invoices + " invoices, " + sagas + " sagas)");
                break;
            }
            Thread.sleep(100);
        }
        if (recovery != null) {
            log("all sagas terminal " + recovery.toMillis() + " ms after the application was up again");
            if (recovery.compareTo(RECOVERY_LIMIT) >= 0) {
                problems.add(0, "all sagas terminal only " + seconds(recovery) + " after the application was up"
                        + " again (limit " + RECOVERY_LIMIT.toSeconds() + " s)");
            }
        }

        // Every acknowledged invoice is there, with its saga; every invoice has exactly one saga.
        Map<String, Map<String, Object>> byInvoice = new HashMap<>();
        for (Map<String, Object> row : db.rows("SELECT i.id AS invoice, i.amount_cents AS amount, i.saga_id AS"
                + " invoice_saga, s.id AS saga, s.status AS status FROM matrix_invoice i"
                + " LEFT JOIN ferry_saga s ON s.idempotency_key = 'invoice-' || i.id")) {
            if (byInvoice.put((String) row.get("invoice"), row) != null) {
                problems.add("invoice " + row.get("invoice") + " has more than one saga");
            }
        }
        for (Created c : acknowledged) {
            Map<String, Object> row = byInvoice.get(c.invoiceId());
            if (row == null) {
                problems.add("acknowledged invoice " + c.invoiceId() + " is not in the database");
            } else if (!c.sagaId().equals(row.get("saga")) || !c.sagaId().equals(row.get("invoice_saga"))) {
                problems.add("acknowledged invoice " + c.invoiceId() + " has saga " + row.get("saga")
                        + " (invoice row: " + row.get("invoice_saga") + "), acknowledged with " + c.sagaId());
            }
        }
        long sagasWithoutInvoice = db.count("SELECT COUNT(*) FROM ferry_saga s WHERE s.saga_name = 'invoice'"
                + " AND NOT EXISTS"
                + " (SELECT 1 FROM matrix_invoice i WHERE s.idempotency_key = 'invoice-' || i.id)");
        if (sagasWithoutInvoice > 0) {
            problems.add(sagasWithoutInvoice + " sagas without their invoice");
        }

        // Every step effect once: book and post for a completed saga, book and unbook for a compensated one.
        Map<String, Map<String, Long>> effects = new HashMap<>();
        for (Map<String, Object> row : db.rows("SELECT saga_id, action, COUNT(*) AS n FROM matrix_invoice_step"
                + " GROUP BY saga_id, action")) {
            effects.computeIfAbsent((String) row.get("saga_id"), k -> new TreeMap<>())
                    .put((String) row.get("action"), ((Number) row.get("n")).longValue());
        }
        for (Map<String, Object> row : byInvoice.values()) {
            if (row.get("saga") == null) {
                problems.add("invoice " + row.get("invoice") + " has no saga");
                continue;
            }
            boolean negative = ((Number) row.get("amount")).longValue() < 0;
            String expectedStatus = negative ? "COMPENSATED" : "COMPLETED";
            Map<String, Long> expected = negative ? Map.of("book", 1L, "unbook", 1L) : Map.of("book", 1L, "post", 1L);
            Map<String, Long> actual = effects.getOrDefault((String) row.get("saga"), Map.of());
            if (!expectedStatus.equals(row.get("status"))) {
                problems.add("saga " + row.get("saga") + " (amount " + row.get("amount") + ") is " + row.get("status")
                        + ", expected " + expectedStatus);
            } else if (!new TreeMap<>(expected).equals(actual)) {
                problems.add("saga " + row.get("saga") + " (" + expectedStatus + ") has effects " + actual
                        + ", expected " + new TreeMap<>(expected));
            }
        }

        // Every committed message received exactly once through the inbox.
        awaitCondition("every committed message delivered", DELIVERY_WAIT, problems, () -> undelivered() == 0
                && receivedIds().keySet().containsAll(committedMessages().keySet()));
        Map<String, String> committed = committedMessages();
        Map<String, Long> received = receivedIds();
        for (Map.Entry<String, String> m : committed.entrySet()) {
            long n = received.getOrDefault(m.getKey(), 0L);
            if (n != 1) {
                problems.add("committed message " + m.getKey() + " (" + m.getValue() + ") received " + n + " times");
            }
        }
        for (String id : received.keySet()) {
            if (!committed.containsKey(id)) {
                problems.add("message " + id + " received, but its write never committed");
            }
        }
        long dead = db.count("SELECT COUNT(*) FROM ferry_outbox WHERE status = 'DEAD'");
        if (dead > 0) {
            problems.add(dead + " DEAD messages in ferry_outbox: "
                    + db.column("SELECT last_error FROM ferry_outbox WHERE status = 'DEAD' LIMIT 3"));
        }
        Set<String> createdKeys = receivedKeys("InvoiceCreated");
        Set<String> missing = new HashSet<>(byInvoice.keySet());
        missing.removeAll(createdKeys);
        Set<String> extra = new HashSet<>(createdKeys);
        extra.removeAll(byInvoice.keySet());
        if (!missing.isEmpty() || !extra.isEmpty()) {
            problems.add("received InvoiceCreated keys differ from the committed invoices: missing " + missing
                    + ", extra " + extra);
        }
        log("check 3 (kill -9): " + acknowledged.size() + " acknowledged, " + byInvoice.size() + " invoices in the"
                + " database, " + committed.size() + " committed messages, " + problems.size() + " problems");
        assertNoProblems("kill -9 mid-burst", problems);
    }

    /**
     * @return problems unless each named step committed exactly one row, in a transaction that also
     *     updated the saga
     */
    private List<String> eachOnceWithASagaUpdate(String saga, String sagaId, Map<String, List<Long>> steps,
                                                 List<String> actions) throws Exception {
        List<String> problems = new ArrayList<>();
        Set<Long> sagaUpdates = new HashSet<>(sagaTxids(sagaId, "UPDATE"));
        for (String action : actions) {
            List<Long> txids = steps.getOrDefault(action, List.of());
            if (txids.size() != 1) {
                problems.add(saga + ": " + txids.size() + " committed '" + action + "' rows, expected 1");
            }
            for (long txid : txids) {
                if (!sagaUpdates.contains(txid)) {
                    problems.add(saga + ": the '" + action + "' row committed in transaction " + txid
                            + ", which did not update the saga (its updates: " + sorted(sagaUpdates) + ")");
                }
            }
        }
        return problems;
    }

    /**
     * Where Ferry's transactions would not enlist the pool's connections, the deployment fails with a
     * message naming the setting to change (Payara's default pool with transactions begun on the
     * {@code TransactionManager} from managed threads).
     */
    protected void checkDeploymentRefusedWithoutEnlistment() throws Exception {
        long offset = Processes.size(server.log());
        AssertionError failed = null;
        try {
            server.deploy("tm-begun", MatrixWars.transactionManagerBegun(work.resolve("wars")));
            server.undeploy("tm-begun");
        } catch (AssertionError e) {
            failed = e;
        }
        if (failed == null) {
            fail("tm-begun.war deployed on " + server.name() + ", but its transactions do not enlist the pool's"
                    + " connections; the deployment must fail");
        }
        // The server's own reply names only the failed bean; Ferry's message is in the server log.
        String reply = failed.getMessage();
        String said = reply + "\n" + Processes.readFrom(server.log(), offset);
        String reason = said.lines().filter(l -> l.contains("Ferry refuses to start")).findFirst()
                .orElseThrow(() -> new AssertionError("The failed deployment does not say 'Ferry refuses to start':\n"
                        + reply));
        for (String expected : List.of("lazy-connection-enlistment", "ferry.transactions=bean")) {
            if (!reason.contains(expected)) {
                fail("Ferry's refusal does not name '" + expected + "': " + reason);
            }
        }
        log("tm-begun.war refused on " + server.name() + " as expected");
    }

    /**
     * The JSON check (run by one class per server): a WAR with only a JAX-RS resource answers the server's JSON-B
     * output, {@code {"amount_cents":42}}, without Ferry's jars and with them in WEB-INF/lib, and WildFly does not
     * switch the deployment to Jackson ({@code WFLYRS0018}). Runs before the invoice application is deployed.
     */
    protected void checkJsonWithAndWithoutFerry() throws Exception {
        long offset = Processes.size(server.log());
        List<String> problems = new ArrayList<>();
        for (boolean withFerry : List.of(false, true)) {
            String name = withFerry ? "json-ferry" : "json-plain";
            String what = withFerry ? "with Ferry's jars" : "without Ferry";
            try {
                server.deploy(name, MatrixWars.json(work.resolve("wars"), withFerry));
                try {
                    InvoiceClient.Reply reply = client.get(server.baseUrl() + "/" + name + "/amount");
                    if (reply.status() != 200 || !JSON.equals(reply.body())) {
                        problems.add(what + ": GET /" + name + "/amount answered " + reply.status() + " "
                                + reply.body() + ", expected 200 " + JSON);
                    }
                } finally {
                    server.undeploy(name);
                }
            } catch (AssertionError e) {
                problems.add(what + ": " + e.getMessage());
            }
        }
        String log = Processes.readFrom(server.log(), offset);
        log.lines().filter(l -> l.contains("WFLYRS0018")).findFirst()
                .ifPresent(l -> problems.add("the server log has WFLYRS0018: " + l.trim()));
        log("JSON check: " + problems.size() + " problems");
        assertNoProblems("the application's JSON stays the server's JSON-B", problems);
    }

    /**
     * The application's mapper (run by one class per server): with a {@code @FerryJson ObjectMapper} in snake case,
     * the outbox message's payload, the saga's data and the step log's data before and after are written by it,
     * and the WAR's own REST JSON is still the server's JSON-B.
     */
    protected void checkApplicationMapper() throws Exception {
        List<String> problems = new ArrayList<>();
        String code = "parcel-" + java.util.UUID.randomUUID();
        server.deploy("parcels", MatrixWars.applicationMapper(work.resolve("wars"), server instanceof WildFlyServer));
        try {
            InvoiceClient.Reply amount = client.get(server.baseUrl() + "/parcels/amount");
            if (amount.status() != 200 || !JSON.equals(amount.body())) {
                problems.add("GET /parcels/amount answered " + amount.status() + " " + amount.body() + ", expected "
                        + JSON + " (the server's JSON-B)");
            }
            InvoiceClient.Reply sent = client.postTo(server.baseUrl() + "/parcels/parcels/" + code);
            if (sent.status() != 200) {
                fail("POST /parcels/parcels/" + code + " answered " + sent.status() + " " + sent.body());
            }
            String sagaId = sent.body().trim();
            awaitCondition("the parcel saga completed", SAGA_WAIT, problems,
                    () -> "COMPLETED".equals(db.valueOrNull("SELECT status FROM ferry_saga WHERE id = ?", sagaId)));
            String payload = db.valueOrNull("SELECT convert_from(payload, 'UTF8') FROM ferry_outbox WHERE msg_key = ?",
                    code);
            String expectedPayload = "{\"tracking_code\":\"" + code + "\",\"weight_grams\":250,\"weighed\":false}";
            if (!expectedPayload.equals(payload)) {
                problems.add("the ParcelSent payload is " + payload + ", expected " + expectedPayload);
            }
            String data = db.valueOrNull("SELECT saga_data FROM ferry_saga WHERE id = ?", sagaId);
            if (data == null || !data.contains("\"weight_grams\":250") || !data.contains("\"weighed\":true")) {
                problems.add("the saga's data is " + data + ", expected snake case, weighed");
            }
            String before = db.valueOrNull("SELECT data_before FROM ferry_saga_step WHERE saga_id = ?"
                    + " AND outcome = 'COMPLETED'", sagaId);
            String after = db.valueOrNull("SELECT data_after FROM ferry_saga_step WHERE saga_id = ?"
                    + " AND outcome = 'COMPLETED'", sagaId);
            if (before == null || !before.contains("\"weighed\":false") || after == null
                    || !after.contains("\"weighed\":true")) {
                problems.add("the step log's data before/after the weigh step is " + before + " / " + after);
            }
        } finally {
            server.undeploy("parcels");
        }
        log("application mapper check: " + problems.size() + " problems");
        assertNoProblems("Ferry uses the application's @FerryJson ObjectMapper", problems);
    }

    /** @return the request transaction's problems: invoice row, InvoiceCreated and saga creation in one */
    private List<String> requestTransaction(Created c) throws Exception {
        List<String> problems = new ArrayList<>();
        List<Long> invoice = txids("SELECT txid FROM tx_log WHERE table_name = 'matrix_invoice' AND row_key = ?",
                c.invoiceId());
        List<Long> message = outboxTxids(c.invoiceId(), "InvoiceCreated");
        List<Long> saga = sagaTxids(c.sagaId(), "INSERT");
        if (invoice.size() != 1 || message.size() != 1 || saga.size() != 1
                || !invoice.get(0).equals(message.get(0)) || !invoice.get(0).equals(saga.get(0))) {
            problems.add("invoice " + c.invoiceId() + ": invoice row, InvoiceCreated and saga creation committed in"
                    + " transactions " + invoice + ", " + message + ", " + saga + " (expected one and the same)");
        }
        return problems;
    }

    /** @return action ("book", "post", "unbook") → transaction ids of the committed step rows of a saga */
    private Map<String, List<Long>> stepTxids(String sagaId) throws Exception {
        Map<String, List<Long>> out = new HashMap<>();
        for (Map<String, Object> row : db.rows("SELECT op, txid FROM tx_log WHERE table_name = 'matrix_invoice_step'"
                + " AND saga_id = ? ORDER BY seq", sagaId)) {
            out.computeIfAbsent((String) row.get("op"), k -> new ArrayList<>()).add(((Number) row.get("txid"))
                    .longValue());
        }
        return out;
    }

    /** @return the transaction ids of the committed inserts ("INSERT") or updates ("UPDATE") of a saga's row */
    private List<Long> sagaTxids(String sagaId, String op) throws Exception {
        return txids("SELECT txid FROM tx_log WHERE table_name = 'ferry_saga' AND saga_id = ? AND op LIKE ?"
                + " ORDER BY seq", sagaId, op + " %");
    }

    /** @return the transaction ids of the committed outbox inserts with this key and type */
    private List<Long> outboxTxids(String key, String type) throws Exception {
        return txids("SELECT txid FROM tx_log WHERE table_name = 'ferry_outbox' AND row_key = ? AND op = ?"
                + " ORDER BY seq", key, type);
    }

    private List<Long> txids(String sql, Object... params) throws Exception {
        return db.column(sql, params).stream().map(Long::valueOf).toList();
    }

    /** @return message id → "type key" of every committed outbox message */
    private Map<String, String> committedMessages() {
        try {
            return db.map("SELECT msg_id, op || ' ' || COALESCE(row_key, '-') FROM tx_log"
                    + " WHERE table_name = 'ferry_outbox'");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return message id → how many times the consumer recorded it */
    private Map<String, Long> receivedIds() {
        Map<String, Long> out = new HashMap<>();
        try {
            db.map("SELECT message_id, COUNT(*) FROM matrix_received_message GROUP BY message_id")
                    .forEach((k, v) -> out.put(k, Long.parseLong(v)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private Set<String> receivedKeys(String type) {
        try {
            return new HashSet<>(db.column("SELECT msg_key FROM matrix_received_message WHERE msg_type = ?", type));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long undelivered() {
        try {
            return db.count("SELECT COUNT(*) FROM ferry_outbox WHERE status <> 'DELIVERED'");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the sagas are terminal; a problem per saga that is not, at the deadline. */
    private Map<String, String> awaitTerminal(List<Created> invoices, List<String> problems) throws Exception {
        long deadline = System.nanoTime() + SAGA_WAIT.toNanos();
        while (true) {
            Map<String, String> status = db.map("SELECT id, status FROM ferry_saga");
            List<String> open = invoices.stream().map(Created::sagaId)
                    .filter(id -> !TERMINAL.contains(status.get(id))).toList();
            if (open.isEmpty()) {
                return status;
            }
            if (System.nanoTime() > deadline) {
                problems.add(open.size() + " sagas not terminal after " + SAGA_WAIT.toSeconds() + " s: "
                        + open.stream().map(id -> id + "=" + status.get(id)).limit(5).toList());
                return status;
            }
            Thread.sleep(200);
        }
    }

    private static void awaitCondition(String what, Duration timeout, List<String> problems, BooleanSupplier done)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                problems.add("not " + what + " after " + timeout.toSeconds() + " s");
                return;
            }
            Thread.sleep(200);
        }
    }

    /** @return {@link System#nanoTime()} when the application answered its health check */
    private long awaitUp(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!client.isUp()) {
            if (System.nanoTime() > deadline) {
                fail(server.name() + ": the application is not up " + timeout.toSeconds() + " s after the restart;"
                        + " server log: " + server.log());
            }
            Thread.sleep(100);
        }
        return System.nanoTime();
    }

    private void assertNoProblems(String what, List<String> problems) {
        if (problems.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder(server.name() + ": " + what + ": " + problems.size() + " problem(s)");
        problems.stream().limit(12).forEach(p -> sb.append("\n  - ").append(p));
        if (problems.size() > 12) {
            sb.append("\n  ... and ").append(problems.size() - 12).append(" more");
        }
        sb.append("\nserver log: ").append(server.log()).append("\ndatabase: ").append(db.name)
                .append(" (transaction ids in table tx_log)");
        fail(sb.toString());
    }

    private static List<Long> sorted(Set<Long> txids) {
        return txids.stream().sorted().toList();
    }

    private static String since(long startNanos) {
        return seconds(Duration.ofNanos(System.nanoTime() - startNanos));
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    static void log(String message) {
        System.out.println("[matrix] " + java.time.LocalTime.now().withNano(0) + " " + message);
    }
}
