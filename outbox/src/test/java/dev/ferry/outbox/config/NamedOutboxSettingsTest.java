package dev.ferry.outbox.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ferry.runtime.config.FerryConfig;
import dev.ferry.runtime.testing.SettingsCoverage;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A named outbox's settings ({@code ferry.outboxes.<name>.*}): every key of the default outbox's, under the name,
 * fuzzed like them and read by the same reader; the default outbox's keys do not reach it.
 */
class NamedOutboxSettingsTest {

    static final String HEADING = "### Several databases";

    static final SettingsCoverage<OutboxSettings> KEYS = OutboxSettingsTest.KEYS.renamed(
            NamedOutboxSettingsTest::billing, OutboxSettings.Builder.class,
            config -> ConfiguredOutboxSettings.read(config, OutboxKeys.named("billing")), HEADING);

    /** The default outbox's key as the outbox {@code billing} spells it. */
    static String billing(String key) {
        return key.equals("ferry.schema") ? "ferry.outboxes.billing.schema"
                : key.replace("ferry.outbox.", "ferry.outboxes.billing.");
    }

    @Test
    void everyKeyOfTheDefaultOutboxHasItsNamedTwin() {
        KEYS.assertEveryBuilderSettingHasAKey();
        KEYS.assertTheReaderReadsExactlyTheDeclaredKeys();
        assertEquals(OutboxSettingsTest.KEYS.keys().size(), KEYS.keys().size());
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
    void theDefaultOutboxKeysDoNotReachANamedOutbox() {
        FerryConfig config = config(Map.of("ferry.schema", "app", "ferry.outbox.table", "events",
                "ferry.outboxes.billing.batch-size", "50"));
        OutboxSettings billing = ConfiguredOutboxSettings.read(config, OutboxKeys.named("billing"));
        assertEquals(OutboxSettings.defaults().table(), billing.table());
        assertEquals(50, billing.batchSize());
        assertEquals("events", ConfiguredOutboxSettings.read(config).table().table());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConfiguredOutboxSettings
                .read(config(Map.of("ferry.outboxes.billing.batch-size", "5000")), OutboxKeys.named("billing")));
        assertEquals("Ferry outbox 'billing' configuration ferry.outboxes.billing.batch-size = '5000': Outbox setting"
                + " batchSize must be between 1 and 1000, was 5000", e.getMessage());
    }

    @Test
    void namesAreCheckedBeforeTheyBecomeKeysAndTheConfigurationListsThem() {
        for (String bad : List.of("", "Billing", "1billing", "bill.ing", "bill ing", "x".repeat(41), "a;b")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OutboxKeys.named(bad));
            assertEquals("Ferry outbox name '" + bad + "' is not 1 to 40 of a-z, 0-9, '_' and '-' starting with a"
                    + " letter (as in ferry.outboxes.billing.datasource)", e.getMessage());
        }
        assertEquals("ferry.outboxes.billing_2-eu.kafka.topic.x",
                OutboxKeys.named("billing_2-eu").key("kafka.topic.x"));
        assertEquals(new TreeSet<>(List.of("audit", "billing")), OutboxKeys.namesIn(config(Map.of(
                "ferry.outboxes.billing.datasource", "java:/B", "ferry.outboxes.billing.table", "t",
                "ferry.outboxes.audit.publisher", "jms", "ferry.outbox.table", "x"))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OutboxKeys.namesIn(
                config(Map.of("ferry.outboxes.Bad.datasource", "java:/B"))));
        assertEquals("Ferry configuration ferry.outboxes.Bad.datasource: Ferry outbox name 'Bad' is not 1 to 40 of"
                + " a-z, 0-9, '_' and '-' starting with a letter (as in ferry.outboxes.billing.datasource)",
                e.getMessage());
        OutboxKeys billing = OutboxKeys.named("billing");
        assertEquals(List.of("ferry.outboxes.billing.datasource", "ferry.outboxes.billing.worker-datasource",
                "ferry.outboxes.billing.schema"), List.of(billing.dataSourceKey(), billing.workerDataSourceKey(),
                billing.schemaKey()));
        assertEquals(List.of("ferry.datasource", "ferry.worker-datasource", "ferry.schema", "ferry.outbox.table"),
                List.of(OutboxKeys.DEFAULT.dataSourceKey(), OutboxKeys.DEFAULT.workerDataSourceKey(),
                        OutboxKeys.DEFAULT.schemaKey(), OutboxKeys.DEFAULT.key("table")));
    }

    @Test
    void theReadmeSectionNamesANamedOutboxsOwnKeys() {
        List<String> keys = SettingsCoverage.readmeKeys(HEADING);
        for (String key : List.of("ferry.outboxes.<name>.datasource", "ferry.outboxes.<name>.worker-datasource",
                "ferry.outboxes.<name>.schema", "ferry.outboxes.<name>.table", "ferry.outboxes.<name>.publisher",
                "ferry.outboxes.<name>.*", "ferry.saga.datasource", "ferry.saga.worker-datasource",
                "ferry.inbox.datasource", "ferry.inbox.worker-datasource")) {
            assertEquals(true, keys.contains(key), key + " missing from README.md's table under " + HEADING + ": "
                    + keys);
        }
    }

    private static FerryConfig config(Map<String, String> values) {
        return new FerryConfig() {
            @Override
            public Optional<String> raw(String key) {
                return Optional.ofNullable(values.get(key));
            }

            @Override
            public SortedSet<String> keysStartingWith(String prefix) {
                SortedSet<String> keys = new TreeSet<>();
                values.keySet().stream().filter(k -> k.startsWith(prefix)).forEach(keys::add);
                return keys;
            }
        };
    }
}
