package dev.ferry.runtime.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Both bindings, Jackson (Java SE) and JSON-B (servers), keep the same contract. */
class JsonCodecTest {

    /** Saga data as users write it: a record with a time and an optional field. */
    public record Order(String id, long totalCents, Instant placedAt, String paymentId) {
    }

    static Stream<JsonCodec> codecs() {
        return Stream.of(JsonCodec.jackson(), JsonCodec.jsonb());
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void wellFormedValuesAreAcceptedAsTheirUtf8Bytes(JsonCodec json) {
        for (String ok : new String[] {"{\"a\":[1,2,{\"b\":\"é\"}]}", "[]", "\"text\"", "42", "null", " {} "}) {
            assertArrayEquals(ok.getBytes(StandardCharsets.UTF_8), json.requireJson(ok), ok);
        }
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void malformedEmptyOrTrailingTextIsRefusedWithTheReason(JsonCodec json) {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> json.requireJson("{not json"))
                .getMessage().startsWith("Not well-formed JSON"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> json.requireJson("{\"a\":1"))
                .getMessage().startsWith("Not well-formed JSON"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> json.requireJson("{} {}"))
                .getMessage().startsWith("Not well-formed JSON"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> json.requireJson("   "))
                .getMessage().startsWith("Empty JSON payload"));
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void recordsWithTimesRoundTripAndUnknownPropertiesAreIgnored(JsonCodec json) {
        Order order = new Order("o-1", 1999, Instant.parse("2026-03-29T02:30:00.123456Z"), null);
        String text = json.toText(order);
        assertTrue(text.contains("\"placedAt\":\"2026-03-29T02:30:00.123456Z\""), text);
        assertEquals(order, json.fromText(text, Order.class));
        Order read = json.fromText("{\"id\":\"o-2\",\"totalCents\":5,\"addedLater\":true}", Order.class);
        assertEquals("o-2", read.id());
        assertNull(read.paymentId());
        assertEquals(order, json.fromBytes(json.toBytes(order), Order.class));
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void headersRoundTripAndANonObjectIsRefused(JsonCodec json) {
        Map<String, String> headers = Map.of("tenant", "acme", "trace", "a\"b");
        assertEquals(headers, json.headersFromText(json.headersToText(headers)));
        assertNull(json.headersToText(Map.of()));
        assertEquals(Map.of(), json.headersFromText(null));
        assertThrows(IllegalArgumentException.class, () -> json.headersFromText("[1]"));
        assertThrows(IllegalArgumentException.class, () -> json.headersFromText("{\"a\":"));
        assertEquals(Map.of("traceparent", "00-x-y-01"), json.headersFromText("{\"traceparent\":\"00-x-y-01\"}"));
    }

    @Test
    void jacksonReadsHeadersAsOneFlatObject() {
        JsonCodec json = JsonCodec.jackson();
        assertEquals(Map.of("traceparent", "00-x-y-01", "n", "7"),
                json.headersFromText("{\"traceparent\":\"00-x-y-01\",\"n\":7}"));
        IllegalArgumentException nested = assertThrows(IllegalArgumentException.class,
                () -> json.headersFromText("{\"a\":{\"b\":\"c\"}}"));
        assertTrue(nested.getMessage().contains("'a'"), nested.getMessage());
        assertThrows(IllegalArgumentException.class, () -> json.headersFromText("{\"a\":\"b\"} {}"));
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void aValueThatCannotBeReadNamesTheType(JsonCodec json) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> json.fromText("[1,2]", Order.class));
        assertTrue(e.getMessage().contains(Order.class.getName()), e.getMessage());
        assertEquals(List.of(), json.fromText("[]", List.class));
    }
}
