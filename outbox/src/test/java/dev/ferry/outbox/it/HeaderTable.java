package dev.ferry.outbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.outbox.Outbox;
import dev.ferry.outbox.OutboxMessage;
import dev.ferry.outbox.spi.FerryHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * README's table of Ferry's headers ("Publishing to brokers"), checked against what a consumer of
 * each broker receives: two messages, one with a key, a type, a JSON payload and headers of its own
 * (one that needs encoding on HTTP; one named like a Ferry header is refused when the message is built), and
 * one with bytes and neither key nor type.
 */
final class HeaderTable {

    /** The key, type and own header value of the first message. */
    static final String KEY = "order-42";
    static final String TYPE = "OrderPlaced";
    static final String TENANT = "Zürich: 5% off";

    /** The ids of the two messages, and when they were written. */
    record Written(UUID keyed, UUID unkeyed, String topic, Instant after, Instant before) {
    }

    private HeaderTable() {
    }

    /** Writes the two messages in one transaction. */
    static Written write(OutboxFixture fx, Outbox outbox, String topic) throws Exception {
        Instant after = Instant.now().truncatedTo(ChronoUnit.MICROS);
        UUID[] ids = fx.inTransaction(() -> new UUID[] {
            outbox.publish(OutboxMessage.builder(topic).key(KEY).type(TYPE).jsonPayload("{\"total\":42}")
                    .header("tenant", TENANT).build()),
            outbox.publish(OutboxMessage.builder(topic).payload("raw".getBytes(StandardCharsets.UTF_8)).build())});
        return new Written(ids[0], ids[1], topic, after, Instant.now());
    }

    /**
     * Asserts that a consumer received exactly Ferry's headers of the table, with their values.
     *
     * @param w what was written
     * @param id which of the two messages
     * @param received every header (or JMS property) of the message whose name
     *     {@link FerryHeaders#isReserved is Ferry's}, as received
     * @param name how the broker names a header of the table (JMS: the property name; HTTP: lower case)
     */
    static void assertFerryHeaders(Written w, String id, Map<String, String> received, UnaryOperator<String> name) {
        boolean keyed = w.keyed().toString().equals(id);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put(FerryHeaders.MESSAGE_ID, id);
        if (keyed) {
            expected.put(FerryHeaders.MESSAGE_TYPE, TYPE);
            expected.put(FerryHeaders.MESSAGE_KEY, KEY);
        }
        expected.put(FerryHeaders.TOPIC, w.topic());
        expected.put(FerryHeaders.CONTENT_TYPE, keyed ? "application/json" : "application/octet-stream");
        Map<String, String> expectedNames = new HashMap<>();
        expected.forEach((n, v) -> expectedNames.put(name.apply(n), v));
        Map<String, String> actual = new HashMap<>(received);
        String createdAt = actual.remove(name.apply(FerryHeaders.CREATED_AT));
        assertEquals(expectedNames, actual, "Ferry's headers of message " + id + " but " + FerryHeaders.CREATED_AT);
        assertTrue(createdAt != null && createdAt.endsWith("Z"), FerryHeaders.CREATED_AT + " in UTC: " + createdAt);
        Instant created = Instant.parse(createdAt);
        assertFalse(created.isBefore(w.after()) || created.isAfter(w.before()),
                FerryHeaders.CREATED_AT + " " + created + " is when the message was written: " + w);
    }
}
