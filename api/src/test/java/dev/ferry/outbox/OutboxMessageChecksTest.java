package dev.ferry.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** What a message builder refuses, at the call, and that each refusal names the argument or header. */
class OutboxMessageChecksTest {

    private static OutboxMessage.Builder message() {
        return OutboxMessage.builder("orders");
    }

    @Test
    void topicKeyAndTypeAreRefusedWhenNullBlankTooLongOrHoldingControlCharacters() {
        assertMessage("Outbox message topic must not be null", () -> OutboxMessage.builder(null));
        assertMessage("Outbox message topic must not be blank, was ' '", () -> OutboxMessage.builder(" "));
        assertMessage("Outbox message topic is 256 characters, longer than 255: 'tttt",
                () -> OutboxMessage.builder("t".repeat(256)));
        assertMessage("Outbox message key 'o-1\\u000A' holds a control character (U+000A) at index 3",
                () -> message().key("o-1\n"));
        assertMessage("Outbox message type must not be blank, was ''", () -> message().type(""));
        assertMessage("Outbox message type 'Order\\u0000' holds a control character (U+0000) at index 5",
                () -> message().type("Order\0"));
        assertEquals(null, message().key(null).type(null).build().key(), "null: unordered, no type");
    }

    @Test
    void headerNamesMustBeHttpTokensOutsideFerrysAndJmssNames() {
        assertMessage("Outbox message header name must not be null or blank, was null",
                () -> message().header(null, "v"));
        assertMessage("Outbox message header name must not be null or blank, was ' '",
                () -> message().header(" ", "v"));
        assertMessage("Outbox message header name 'my header' holds U+0020 at index 2: a header name is ASCII"
                + " letters, digits and !#$%&'*+-.^_`|~", () -> message().header("my header", "v"));
        assertMessage("Outbox message header name 'größe' holds U+00F6", () -> message().header("größe", "v"));
        assertMessage("Outbox message header name 'a\\u000Db' holds U+000D", () -> message().header("a\rb", "v"));
        assertMessage("Outbox message header name 'a:b' holds U+003A", () -> message().header("a:b", "v"));
        assertMessage("Outbox message header name is 256 characters", () -> message().header("h".repeat(256), "v"));
        assertMessage("Outbox message header 'ferry-topic' is in Ferry's namespace",
                () -> message().header("ferry-topic", "spoofed"));
        assertMessage("Outbox message header 'Ferry_Custom' is in Ferry's namespace",
                () -> message().header("Ferry_Custom", "mine"));
        assertMessage("Outbox message header 'JMSX-GroupID' is sent on JMS as the property JMSX_GroupID, a name JMS"
                + " reserves", () -> message().header("JMSX-GroupID", "g"));
        assertMessage("Outbox message header 'null' is sent on JMS as the property null",
                () -> message().header("null", "v"));
        assertMessage("Outbox message header 'x_tenant' clashes with header 'X-Tenant'",
                () -> message().header("X-Tenant", "a").header("x_tenant", "b"));
        assertMessage("Outbox message header 'TraceParent' must be written in lower case, traceparent",
                () -> message().header("TraceParent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
        Map<String, String> fine = Map.of("tenant", "acme", "x-request-id", "r-1", "X.Trace~Id", "t", "9lives", "v");
        assertEquals(fine, message().headers(fine).build().headers());
        assertEquals(Map.of("tenant", "b"), message().header("tenant", "a").header("tenant", "b").build().headers(),
                "the same name again replaces the value");
    }

    @Test
    void headerValuesAreOneLineOfTextOfAtMost8KiB() {
        assertMessage("Outbox message header 'tenant' must have a value, got null",
                () -> message().header("tenant", null));
        assertMessage("Outbox message header 'tenant' has a value of 8193 characters, longer than 8192",
                () -> message().header("tenant", "v".repeat(8193)));
        assertMessage("Outbox message header 'note' has a value with a control character (U+000A) at index 1:"
                + " 'a\\u000Ab'", () -> message().header("note", "a\nb"));
        assertEquals("a\tb, Zürich: 5% off", message().header("note", "a\tb, Zürich: 5% off").build().headers()
                .get("note"), "a tab and any Unicode text are fine");
        assertEquals(8192, message().header("note", "v".repeat(8192)).build().headers().get("note").length());
        assertEquals("", message().header("note", "").build().headers().get("note"), "an empty value is a value");
    }

    @Test
    void aTraceContextAMessageCarriesMustBeWellFormed() {
        String valid = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        assertEquals(valid, message().header("traceparent", valid).build().headers().get("traceparent"));
        for (String bad : new String[] {"hello", "00-0AF7651916CD43DD8448EB211C80319C-B7AD6B7169203331-01",
            "00-00000000000000000000000000000000-b7ad6b7169203331-01",
            "00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01",
            "ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"}) {
            assertMessage("Outbox message header 'traceparent' is not a W3C trace context",
                    () -> message().header("traceparent", bad));
        }
        assertMessage("Outbox message header 'tracestate' is 513 characters",
                () -> message().header("tracestate", "a".repeat(513)));
    }

    private static void assertMessage(String expectedStart, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(expectedStart), () -> "expected a message starting with\n  "
                + expectedStart + "\nbut was\n  " + e.getMessage());
    }
}
