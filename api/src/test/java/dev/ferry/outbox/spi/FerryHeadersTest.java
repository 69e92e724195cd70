package dev.ferry.outbox.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FerryHeadersTest {

    @Test
    void jmsNamesAreTheHeaderNamesMadeIntoIdentifiers() {
        assertEquals(FerryHeaders.JMS_MESSAGE_ID, FerryHeaders.jmsPropertyName(FerryHeaders.MESSAGE_ID));
        assertEquals(FerryHeaders.JMS_MESSAGE_TYPE, FerryHeaders.jmsPropertyName(FerryHeaders.MESSAGE_TYPE));
        assertEquals(FerryHeaders.JMS_MESSAGE_KEY, FerryHeaders.jmsPropertyName(FerryHeaders.MESSAGE_KEY));
        assertEquals(FerryHeaders.JMS_TOPIC, FerryHeaders.jmsPropertyName(FerryHeaders.TOPIC));
        assertEquals(FerryHeaders.JMS_CONTENT_TYPE, FerryHeaders.jmsPropertyName(FerryHeaders.CONTENT_TYPE));
        assertEquals(FerryHeaders.JMS_CREATED_AT, FerryHeaders.jmsPropertyName(FerryHeaders.CREATED_AT));
        assertEquals("x_trace_id", FerryHeaders.jmsPropertyName("x-trace-id"));
        assertEquals("_1st_try", FerryHeaders.jmsPropertyName("1st.try"));
        assertEquals("tenant", FerryHeaders.jmsPropertyName("tenant"));
        assertThrows(IllegalArgumentException.class, () -> FerryHeaders.jmsPropertyName(""));
    }

    @Test
    void namesStartingWithFerryAndADashOrUnderscoreAreReservedInAnyCase() {
        for (String name : List.of(FerryHeaders.MESSAGE_ID, FerryHeaders.JMS_TOPIC, "ferry-custom", "Ferry-Topic",
                "FERRY_MESSAGE_KEY")) {
            assertTrue(FerryHeaders.isReserved(name), name);
        }
        for (String name : List.of("ferry", "ferryman", "x-ferry-id", "tenant", "Ferry-")) {
            assertEquals(name.equals("Ferry-"), FerryHeaders.isReserved(name), name);
        }
    }

    @Test
    void httpValuesArePercentEncodedWhereNeededAndDecodeToTheOriginal() {
        assertEquals("order-42 (eu)", FerryHeaders.encodeHttpValue("order-42 (eu)"), "printable ASCII as it is");
        assertEquals("Z%C3%BCrich", FerryHeaders.encodeHttpValue("Zürich"));
        assertEquals("5%25 off", FerryHeaders.encodeHttpValue("5% off"));
        assertEquals("a%0D%0Ab", FerryHeaders.encodeHttpValue("a\r\nb"));
        assertEquals("%20padded%20", FerryHeaders.encodeHttpValue(" padded "), "HTTP would drop spaces at the ends");
        assertEquals("%F0%9F%9A%A2 ferry", FerryHeaders.encodeHttpValue("\uD83D\uDEA2 ferry"));
        for (String value : List.of("", "plain", "5% off", "100%", "%41", "Zürich", "a\r\nb", " padded ", "\t",
                "\uD83D\uDEA2 ferry", "日本")) {
            String encoded = FerryHeaders.encodeHttpValue(value);
            assertTrue(encoded.chars().allMatch(c -> c >= 0x20 && c < 0x7F), encoded);
            assertEquals(value, FerryHeaders.decodeHttpValue(encoded), "round trip of '" + value + "'");
        }
        assertEquals("100% sure", FerryHeaders.decodeHttpValue("100% sure"), "a % without hex digits is kept");
        assertEquals(null, FerryHeaders.decodeHttpValue(null));
    }
}
