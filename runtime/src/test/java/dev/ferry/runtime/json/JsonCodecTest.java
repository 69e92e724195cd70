package dev.ferry.runtime.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonCodecTest {

    private final JsonCodec json = new JsonCodec();

    @Test
    void wellFormedValuesAreAcceptedAsTheirUtf8Bytes() {
        for (String ok : new String[] {"{\"a\":[1,2,{\"b\":\"é\"}]}", "[]", "\"text\"", "42", "null", " {} "}) {
            assertArrayEquals(ok.getBytes(StandardCharsets.UTF_8), json.requireJson(ok), ok);
        }
    }

    @Test
    void malformedEmptyOrTrailingTextIsRefusedWithTheReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> json.requireJson("{not json"))
                .getMessage().startsWith("Not well-formed JSON"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> json.requireJson("{\"a\":1"))
                .getMessage().startsWith("Not well-formed JSON"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> json.requireJson("{} {}"))
                .getMessage().contains("more than one value"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> json.requireJson("   "))
                .getMessage().startsWith("Empty JSON payload"));
    }
}
