package dev.ferry.outbox.example;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.ferry.inbox.Inbox;
import dev.ferry.outbox.publish.http.WebhookSignature;
import dev.ferry.outbox.spi.FerryHeaders;
import dev.ferry.runtime.se.JavaSeEnvironment;
import java.io.IOException;
import java.sql.SQLException;

/**
 * Applies each webhook request once, on the JDK's HTTP server: the database transaction (the effect
 * and the inbox record) commits first, the 2xx answer (the webhook's acknowledgement) after it.
 * Register it with {@code HttpServer.createContext("/hooks/ferry", receiver)}.
 */
public final class WebhookInboxReceiver implements HttpHandler {

    private final JavaSeEnvironment env;
    private final Inbox inbox;
    private final Shipments shipments;
    private final byte[] secret;

    /** @param secret the publisher's signing secret */
    public WebhookInboxReceiver(JavaSeEnvironment env, Inbox inbox, Shipments shipments, byte[] secret) {
        this.env = env;
        this.inbox = inbox;
        this.shipments = shipments;
        this.secret = secret.clone();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String id = exchange.getRequestHeaders().getFirst(FerryHeaders.IDEMPOTENCY_KEY);
            if (id == null || !WebhookSignature.verify(secret, id, body,
                    exchange.getRequestHeaders().getFirst("Ferry-Signature"))) {
                exchange.sendResponseHeaders(401, -1);                       // refused: an attempt counts
                return;
            }
            try {
                env.transactions().inNewTransaction(() -> inbox.receive(id, () -> shipments.ship(body)));  // 1. commit
            } catch (Exception e) {
                // 503 when our database is unreachable (SQLState class 08): the relay pauses and counts no
                // attempt. 500 when this message failed: it is retried, and goes dead after maxAttempts.
                boolean down = e instanceof SQLException s && s.getSQLState() != null
                        && s.getSQLState().startsWith("08");
                exchange.sendResponseHeaders(down ? 503 : 500, -1);
                return;
            }
            exchange.sendResponseHeaders(204, -1);                           // 2. then acknowledge (2xx)
        }
    }
}
