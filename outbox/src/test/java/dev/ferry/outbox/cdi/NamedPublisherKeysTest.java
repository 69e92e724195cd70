package dev.ferry.outbox.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ferry.outbox.config.OutboxKeys;
import dev.ferry.runtime.testing.SettingsCoverage;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A named outbox's publisher keys ({@code ferry.outboxes.<name>.publisher} and the publisher's keys under the name):
 * every key of the default outbox's publishers ({@link PublisherKeysTest}), under the name, read by the same readers
 * and fuzzed like them.
 */
class NamedPublisherKeysTest {

    private static final OutboxKeys BILLING = OutboxKeys.named("billing");

    private static final SettingsCoverage<PublisherKeysTest.KafkaView> KAFKA = PublisherKeysTest.KAFKA.renamed(
            NamedPublisherKeysTest::billing, null, c -> PublisherKeysTest.KafkaView.read(c, BILLING),
            PublisherKeysTest.HEADING);
    private static final SettingsCoverage<PublisherKeysTest.RabbitView> RABBITMQ = PublisherKeysTest.RABBITMQ
            .renamed(NamedPublisherKeysTest::billing, null, c -> PublisherKeysTest.RabbitView.read(c, BILLING),
                    PublisherKeysTest.HEADING);
    private static final SettingsCoverage<PublisherKeysTest.WebhookView> WEBHOOK = PublisherKeysTest.WEBHOOK
            .renamed(NamedPublisherKeysTest::billing, null, c -> PublisherKeysTest.WebhookView.read(c, BILLING),
                    PublisherKeysTest.HEADING);

    private static String billing(String key) {
        return key.replace("ferry.outbox.", "ferry.outboxes.billing.");
    }

    @Test
    void theReadersReadTheNamedKeysAndNoOther() {
        KAFKA.assertTheReaderReadsExactlyTheDeclaredKeys();
        RABBITMQ.assertTheReaderReadsExactlyTheDeclaredKeys();
        WEBHOOK.assertTheReaderReadsExactlyTheDeclaredKeys();
    }

    @Test
    void everyNamedKeyReachesItsValue() {
        KAFKA.assertEveryKeyChangesTheSettings();
        RABBITMQ.assertEveryKeyChangesTheSettings();
        WEBHOOK.assertEveryKeyChangesTheSettings();
    }

    @Test
    void everyNamedKeyRefusesNonsenseNamingTheKeyAndTheValueButNeverASecret() {
        KAFKA.assertEveryKeyRefusesNonsense();
        RABBITMQ.assertEveryKeyRefusesNonsense();
        WEBHOOK.assertEveryKeyRefusesNonsense();
    }

    @Test
    void missingAndWrongKeysAreNamedWithTheOutboxsName() {
        assertEquals("Ferry configuration ferry.outboxes.billing.publisher = 'kafka' needs"
                + " ferry.outboxes.billing.kafka.bootstrap-servers (host:port,host:port)",
                assertThrows(IllegalArgumentException.class, () -> KafkaPublisherFactory.read(
                        PublisherKeysTest.config(Map.of("ferry.outbox.kafka.bootstrap-servers", "k:9092")), BILLING))
                        .getMessage());
        assertEquals("Ferry configuration ferry.outboxes.billing.publisher = 'kafak' is not one of jms, cdi-event,"
                + " kafka, rabbitmq, webhook, bean", assertThrows(IllegalArgumentException.class,
                        () -> PublisherChoice.named(PublisherKeysTest.config(Map.of(
                                "ferry.outboxes.billing.publisher", "kafak")), BILLING)).getMessage());
        assertEquals(Optional.empty(), PublisherChoice.named(PublisherKeysTest.config(Map.of(
                "ferry.outbox.publisher", "kafka")), BILLING), "the default outbox's publisher is not the named one's");
        assertEquals(Optional.of("cdi-event"), PublisherChoice.named(PublisherKeysTest.config(Map.of(
                "ferry.outboxes.billing.publisher", "CDI-Event")), BILLING));
    }
}
