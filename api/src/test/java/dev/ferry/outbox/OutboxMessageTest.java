package dev.ferry.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a message builder makes of the payload it is given. */
class OutboxMessageTest {

    record OrderPlaced(String orderId) {
    }

    @Test
    void aStringPayloadIsTakenAsJsonTextNotEncodedAgain() {
        OutboxMessage m = OutboxMessage.builder("orders").payload("{\"orderId\":\"o-1\"}").build();
        assertEquals(PayloadFormat.JSON, m.payloadFormat());
        assertEquals("{\"orderId\":\"o-1\"}", m.payload());
        assertNull(m.type(), "JSON text names no type");
    }

    @Test
    void theDefaultTypeIsTheSimpleNameOfTheApplicationsOwnClassesOnly() {
        assertEquals("OrderPlaced", OutboxMessage.builder("orders").payload(new OrderPlaced("o-1")).build().type());
        assertNull(OutboxMessage.builder("orders").payload(Map.of("a", 1)).build().type(), "not Map1");
        assertNull(OutboxMessage.builder("orders").payload(List.of(1)).build().type(), "not ListN");
        Object anonymous = new Object() {
            public String getName() {
                return "x";
            }
        };
        assertNull(OutboxMessage.builder("orders").payload(anonymous).build().type(), "not empty");
        assertEquals("Explicit", OutboxMessage.builder("orders").type("Explicit").payload(Map.of()).build().type());
    }
}
