package dev.ferry.outbox.publish.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HeaderValueTest {

    @Test
    void printableAsciiIsSentAsItIsAndAnythingElsePercentEncodedAsUtf8() {
        assertEquals("order-42 (eu)", WebhookPublisher.headerValue("order-42 (eu)"));
        assertEquals("Z%C3%BCrich", WebhookPublisher.headerValue("Zürich"));
        assertEquals("100%25", WebhookPublisher.headerValue("100%"));
        assertEquals("a%0D%0Ab", WebhookPublisher.headerValue("a\r\nb"));
    }
}
