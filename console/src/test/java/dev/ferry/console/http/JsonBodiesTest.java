package dev.ferry.console.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** An action's body: a JSON object with a reason; anything else is refused naming what is wrong. */
class JsonBodiesTest {

    @Test
    void theReasonIsRequiredTrimmedAndBounded() {
        assertEquals("broker back", JsonBodies.reason(JsonBodies.object("{\"reason\": \"  broker back \"}")));
        assertRefused("reason is required", "{}");
        assertRefused("reason is required", "{\"reason\": \"  \"}");
        assertRefused("reason must be a string", "{\"reason\": 5}");
        assertRefused("at most 2000", "{\"reason\": \"" + "r".repeat(2001) + "\"}");
    }

    @Test
    void aBodyThatIsNotAJsonObjectIsRefused() {
        assertRefused("needs a JSON object", "");
        assertRefused("must be a JSON object", "[1]");
        assertRefused("not JSON", "reason=x");
    }

    private static void assertRefused(String expected, String body) {
        String message = assertThrows(IllegalArgumentException.class,
                () -> JsonBodies.reason(JsonBodies.object(body))).getMessage();
        assertTrue(message.contains(expected), message);
    }
}
