package dev.ferry.runtime.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.runtime.config.FerryConfig;
import dev.ferry.runtime.container.ContainerResources.JsonMode;
import dev.ferry.runtime.container.ContainerResources.TransactionMode;
import dev.ferry.runtime.health.HealthThresholds;
import dev.ferry.runtime.testing.SettingsCoverage;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The keys of README.md's server table ("Jakarta EE: WildFly and Payara") that the runtime reads,
 * fuzzed like the settings' keys; and every key of that table is fuzzed here or by a settings test.
 */
class ServerConfigKeysTest {

    private static final String HEADING = "## Jakarta EE: WildFly and Payara";

    /** What the runtime reads from the server keys, without a server. */
    record ServerKeys(String dataSource, Optional<String> workerDataSource, DataSourceNames saga,
                      DataSourceNames inbox, TransactionMode transactions, JsonMode json, boolean createTables,
                      boolean telemetry, HealthThresholds thresholds) {

        static ServerKeys read(FerryConfig config) {
            return new ServerKeys(ContainerResources.dataSourceName(config), config.string("ferry.worker-datasource"),
                    DataSourceNames.ofComponent(config, "saga"), DataSourceNames.ofComponent(config, "inbox"),
                    ContainerResources.transactionMode(config), ContainerResources.jsonMode(config),
                    ContainerResources.createTables(config), ContainerTelemetry.enabled(config),
                    ContainerTelemetry.thresholds(config));
        }
    }

    private static final SettingsCoverage<ServerKeys> KEYS = SettingsCoverage.of(null, ServerKeys::read, HEADING)
            .key("ferry.datasource", "ferry.datasource", "java:jboss/datasources/Orders")
            .key("ferry.worker-datasource", "ferry.worker-datasource", "java:jboss/datasources/Plain")
            .key("ferry.saga.datasource", "ferry.saga.datasource", "java:jboss/datasources/Sagas")
            .key("ferry.saga.worker-datasource", "ferry.saga.worker-datasource", "java:jboss/datasources/SagasPlain")
            .key("ferry.inbox.datasource", "ferry.inbox.datasource", "java:jboss/datasources/Inbox")
            .key("ferry.inbox.worker-datasource", "ferry.inbox.worker-datasource", "java:jboss/datasources/InboxPlain")
            .key("ferry.transactions", "ferry.transactions", "transaction-manager")
            .key("ferry.json", "ferry.json", "jackson")
            .key("ferry.create-tables", "ferry.create-tables", "true")
            .key("ferry.telemetry", "ferry.telemetry", "false")
            .key("ferry.health.max-oldest-pending-age", "ferry.health.max-oldest-pending-age", "5m")
            .key("ferry.health.max-dead-messages", "ferry.health.max-dead-messages", "0")
            .key("ferry.health.max-parked-sagas", "ferry.health.max-parked-sagas", "3");

    /**
     * Keys of the server table read elsewhere: the settings' keys, fuzzed by {@code OutboxSettingsTest}
     * and {@code SagaSettingsTest}, and the JMS publisher's, read by {@code PublisherChoice} and
     * {@code JmsPublisherFactory} in ferry-outbox when the publisher is made (through the same
     * {@link FerryConfig} accessors, whose errors name the key and the value).
     */
    private static final Set<String> READ_ELSEWHERE = Set.of("ferry.schema", "ferry.saga.worker-id",
            "ferry.saga.unknown-versions", "ferry.outbox.publisher", "ferry.outbox.jms.connection-factory",
            "ferry.outbox.jms.destination-type", "ferry.outbox.jms.destination.<topic>");

    /**
     * @param key a key of the server table
     * @return whether it is a key of a publisher chosen by configuration, fuzzed by {@code PublisherKeysTest}
     *     in ferry-outbox against the "Publishers by configuration" table, or of a named outbox, fuzzed by
     *     {@code NamedOutboxSettingsTest} and {@code NamedPublisherKeysTest} against "Several databases"
     */
    private static boolean publisherKey(String key) {
        return key.startsWith("ferry.outboxes.") || key.startsWith("ferry.outbox.kafka.")
                || key.startsWith("ferry.outbox.rabbitmq.") || key.startsWith("ferry.outbox.webhook.");
    }

    @Test
    void theReaderReadsEveryDeclaredKeyAndNoOther() {
        KEYS.assertTheReaderReadsExactlyTheDeclaredKeys();
    }

    @Test
    void everyKeyReachesItsValue() {
        KEYS.assertEveryKeyChangesTheSettings();
    }

    @Test
    void everyKeyRefusesNonsenseNamingTheKeyAndTheValue() {
        KEYS.assertEveryKeyRefusesNonsense();
    }

    @Test
    void everyKeyOfTheServerTableIsDeclaredHereOrReadElsewhere() {
        KEYS.assertReadmeTableNamesEverySettingAndKey();
        Set<String> unknown = new TreeSet<>();
        for (String key : SettingsCoverage.readmeKeys(HEADING)) {
            if (!KEYS.keys().contains(key) && !READ_ELSEWHERE.contains(key) && !publisherKey(key)
                    && !key.equals("ferry.outbox.*") && !key.equals("ferry.inbox.*") && !key.equals("ferry.saga.*")) {
                unknown.add(key);
            }
        }
        assertEquals(Set.of(), unknown, "keys of README.md's server table that no test fuzzes: declare them here");
    }

    @Test
    void healthThresholdsOutOfRangeNameTheKeyAndTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ContainerTelemetry
                .thresholds(key -> Optional.ofNullable(key.equals("ferry.health.max-dead-messages") ? "-2" : null)));
        assertEquals("Ferry configuration ferry.health.max-dead-messages = '-2' must be 0 or more (or -1 for none)",
                e.getMessage());
        assertTrue(ContainerTelemetry.thresholds(key -> Optional.empty()).maxDeadMessages() < 0, "off by default");
    }
}
