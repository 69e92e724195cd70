package dev.ferry.outbox.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.ConnectionFactory;
import dev.ferry.outbox.publish.http.WebhookPublisherConfig;
import dev.ferry.outbox.publish.http.WebhookSignature;
import dev.ferry.outbox.publish.kafka.KafkaPublisherConfig;
import dev.ferry.outbox.publish.rabbitmq.RabbitMqPublisherConfig;
import dev.ferry.outbox.spi.OutgoingMessage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The publishers' configurations: defaults, mappings, and refusals that name the setting. */
class PublisherConfigTest {

    private static final OutgoingMessage ORDER = new OutgoingMessage(UUID.randomUUID(), 1, "orders", "o-1", "Placed",
            "application/json", "{}".getBytes(StandardCharsets.UTF_8), Map.of(), Instant.now(), 1);
    private static final OutgoingMessage UNKEYED = new OutgoingMessage(UUID.randomUUID(), 2, "audit", null, null,
            "application/json", "{}".getBytes(StandardCharsets.UTF_8), Map.of(), Instant.now(), 1);

    @Test
    void kafkaForcesAcksAllAndIdempotenceAndMapsTopics() {
        KafkaPublisherConfig config = KafkaPublisherConfig.builder("k1:9092").topics(Map.of("orders", "shop.orders"))
                .property("compression.type", "zstd").build();
        assertEquals("all", config.producerProperties().get("acks"));
        assertEquals("true", config.producerProperties().get("enable.idempotence"));
        assertEquals("zstd", config.producerProperties().get("compression.type"));
        assertEquals("shop.orders", config.topicOf(ORDER));
        assertEquals("audit", config.topicOf(UNKEYED));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KafkaPublisherConfig.builder("k1:9092").property("acks", "1"));
        assertTrue(e.getMessage().contains("acks=1 is not allowed"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> KafkaPublisherConfig.builder("k1:9092")
                .deliveryTimeout(Duration.ofSeconds(5)).requestTimeout(Duration.ofSeconds(10)).build());
        assertTrue(e.getMessage().contains("deliveryTimeout"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KafkaPublisherConfig.builder(" "));
    }

    @Test
    void rabbitMqDefaultsToExchangeTopicAndRoutingKeyKeyAndTurnsOffAutomaticRecoveryInItsCopy() {
        ConnectionFactory factory = new ConnectionFactory();
        RabbitMqPublisherConfig config = RabbitMqPublisherConfig.builder(factory).build();
        assertEquals("orders", config.exchangeOf(ORDER));
        assertEquals("o-1", config.routingKeyOf(ORDER));
        assertEquals("", config.routingKeyOf(UNKEYED));
        assertTrue(config.mandatory());
        assertTrue(factory.isAutomaticRecoveryEnabled(), "the caller's factory is left as it was");
        assertEquals("shop", RabbitMqPublisherConfig.builder(factory).exchanges(Map.of("orders", "shop")).build()
                .exchangeOf(ORDER));
        assertThrows(IllegalArgumentException.class,
                () -> RabbitMqPublisherConfig.builder(factory).confirmTimeout(Duration.ZERO).build());
    }

    @Test
    void webhookRefusesHeadersTheClientOwnsAndShortSecrets() {
        URI uri = URI.create("https://example.com/hook");
        assertEquals(uri, WebhookPublisherConfig.builder(uri).build().endpointOf(ORDER));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WebhookPublisherConfig.builder(uri).header("Host", "evil"));
        assertTrue(e.getMessage().contains("Host"), e.getMessage());
        for (String own : new String[] {"ferry-topic", "Ferry-Message-Id", "content-type", "Idempotency-Key"}) {
            e = assertThrows(IllegalArgumentException.class,
                    () -> WebhookPublisherConfig.builder(uri).header(own, "x"));
            assertEquals("The webhook publisher sets header " + own + " itself", e.getMessage());
        }
        e = assertThrows(IllegalArgumentException.class,
                () -> WebhookPublisherConfig.builder(uri).signingSecret(new byte[4]).build());
        assertTrue(e.getMessage().contains("at least 16 bytes"), e.getMessage());
    }

    @Test
    void webhookSignatureCoversTheIdAndTheBody() {
        byte[] secret = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        String signature = WebhookSignature.sign(secret, "id-1", body);
        assertTrue(signature.matches("sha256=[0-9a-f]{64}"), signature);
        assertTrue(WebhookSignature.verify(secret, "id-1", body, signature));
        assertFalse(WebhookSignature.verify(secret, "id-2", body, signature), "another id");
        assertFalse(WebhookSignature.verify(secret, "id-1", "{\"a\":2}".getBytes(StandardCharsets.UTF_8), signature));
        assertFalse(WebhookSignature.verify(secret, "id-1", body, null));
    }
}
