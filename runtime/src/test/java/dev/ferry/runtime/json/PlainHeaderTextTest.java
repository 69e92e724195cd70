package dev.ferry.runtime.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The parser-free reading of stored headers agrees with the codecs' parsers, or leaves the text to them. */
class PlainHeaderTextTest {

    private static final String ALPHABET = "abcXYZ019-_.:/ é€😀\"\\\n\t{}[],";

    @Test
    void whatFerryWritesIsReadAsWrittenInOrder() {
        Random random = new Random(42);
        JsonCodec json = JsonCodec.jackson();
        for (int round = 0; round < 5_000; round++) {
            Map<String, String> headers = new LinkedHashMap<>();
            int n = 1 + random.nextInt(4);
            for (int i = 0; i < n; i++) {
                headers.put(text(random), text(random));
            }
            String stored = json.headersToText(headers);
            Map<String, String> plain = PlainHeaderText.read(stored);
            boolean escaped = stored.indexOf('\\') >= 0;
            if (escaped) {
                assertNull(plain, stored);
            } else {
                assertNotNull(plain, stored);
                assertEquals(List.copyOf(headers.entrySet()), List.copyOf(plain.entrySet()), stored);
            }
            assertEquals(headers, json.headersFromText(stored), stored);
            assertEquals(headers, JsonCodec.jsonb().headersFromText(stored), stored);
        }
    }

    @Test
    void anythingElseIsLeftToTheParser() {
        for (String other : new String[] {"[1]", "{\"a\":", "{\"a\":\"b\"} {}", "{\"a\":\"b\",}", "{\"a\":7}",
                "{\"a\":null}", "{ \"a\":\"b\"}", "{\"a\" :\"b\"}", "{\"a\":\"b\" }", "{\"a\":{\"b\":\"c\"}}",
                "{\"a\":\"b\\\"c\"}", "{\"a\":\"tab\there\"}", "{\"a\"}", "{\"a\":\"b\"", "\"a\"", "{", "}",
                "{\"a\":\"b\"}}", "{\"a\":\"b\",\"c\"}", "{,}"}) {
            assertNull(PlainHeaderText.read(other), other);
        }
        assertEquals(Map.of(), PlainHeaderText.read("{}"));
        assertEquals(Map.of("a", "", "", "b"), PlainHeaderText.read("{\"a\":\"\",\"\":\"b\"}"));
    }

    private static String text(Random random) {
        StringBuilder s = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            int at = random.nextInt(ALPHABET.length() - 1);
            if (Character.isHighSurrogate(ALPHABET.charAt(at))) {
                s.append(ALPHABET, at, at + 2);
            } else if (!Character.isLowSurrogate(ALPHABET.charAt(at))) {
                s.append(ALPHABET.charAt(at));
            }
        }
        return s.toString();
    }
}
