package dev.ferry.outbox.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
