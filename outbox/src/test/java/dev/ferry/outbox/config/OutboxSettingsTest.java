package dev.ferry.outbox.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.runtime.config.FerryConfig;
import dev.ferry.runtime.retry.Backoff;
import dev.ferry.runtime.testing.SettingsCoverage;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OutboxSettingsTest {

    /** Each configuration key, the builder setting it sets, and a value other than the default. */
    static final SettingsCoverage<OutboxSettings> KEYS = SettingsCoverage.of(OutboxSettings.Builder.class,
                    ConfiguredOutboxSettings::read, "## Configuration")
            .key("ferry.schema", "schema", "app")
            .key("ferry.outbox.table", "table", "events")
            .key("ferry.outbox.batch-size", "batchSize", "100")
            .key("ferry.outbox.relay-threads", "relayThreads", "4")
            .key("ferry.outbox.poll-interval", "pollInterval", "2s")
            .key("ferry.outbox.lease-duration", "leaseDuration", "30s")
            .key("ferry.outbox.publish-timeout", "publishTimeout", "20s")
            .key("ferry.outbox.max-attempts", "maxAttempts", "3")
            .key("ferry.outbox.initial-backoff", "backoff", "2s")
            .key("ferry.outbox.max-backoff", "backoff", "10m")
            .key("ferry.outbox.dead-message-policy", "deadMessagePolicy", "continue")
            .key("ferry.outbox.retention", "retention", "7d")
            .key("ferry.outbox.purge-interval", "purge", "30s")
            .key("ferry.outbox.purge-batch-size", "purge", "250")
            .key("ferry.outbox.small-batch-pause", "smallBatchPause", "0ms")
            .key("ferry.outbox.relay-id", "relayId", "relay-x")
            .key("ferry.outbox.max-payload-bytes", "maxPayloadBytes", "65536")
            .key("ferry.outbox.cross-node-wake-ups", "crossNodeWakeUps", "false")
            .fixed("ferry.outbox.relay-id", "relay-base");

    @Test
    void badSchemaOrTableNamesAreRefusedBeforeAnySql() {
        IllegalArgumentException schema = assertThrows(IllegalArgumentException.class,
                () -> OutboxSettings.builder().schema("app; DROP TABLE orders").build());
        assertEquals("The schema name 'app; DROP TABLE orders' is not a valid SQL identifier: use letters, digits"
                + " and '_', starting with a letter or '_'", schema.getMessage());
        IllegalArgumentException table = assertThrows(IllegalArgumentException.class,
                () -> OutboxSettings.builder().table("outbox\"").build());
        assertTrue(table.getMessage().startsWith("The table name 'outbox\"'"), table.getMessage());
    }

    @Test
    void invalidSettingsNameTheSetting() {
        assertMessage("batchSize must be between 1 and 1000, was 0",
                () -> OutboxSettings.builder().batchSize(0).build());
        assertMessage("pollInterval must be a positive duration of at most 1 h",
                () -> OutboxSettings.builder().pollInterval(Duration.ZERO).build());
        assertMessage("maxBackoff (PT1S) is shorter than initialBackoff (PT2S)",
                () -> OutboxSettings.builder().backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)).build());
        assertMessage("publishTimeout must be a positive duration",
                () -> OutboxSettings.builder().publishTimeout(Duration.ZERO).build());
        assertMessage("publishTimeout (PT1M) must be shorter than leaseDuration (PT1M)",
                () -> OutboxSettings.builder().publishTimeout(Duration.ofMinutes(1)).build());
        assertMessage("retention must be zero or a positive duration of at most 3650 days, was PT-1S",
                () -> OutboxSettings.builder().retention(Duration.ofSeconds(-1)).build());
    }

    @Test
    void publishTimeoutIsThreeQuartersOfTheLeaseUnlessGiven() {
        assertEquals(Duration.ofSeconds(45), OutboxSettings.defaults().publishTimeout());
        OutboxSettings shortLease = OutboxSettings.builder().leaseDuration(Duration.ofSeconds(8)).build();
        assertEquals(Duration.ofSeconds(6), shortLease.publishTimeout());
        assertEquals(Duration.ofSeconds(3), shortLease.toBuilder().leaseDuration(Duration.ofSeconds(4)).build()
                .publishTimeout(), "a copy keeps following the lease");
        assertEquals(Duration.ofSeconds(2), shortLease.toBuilder().publishTimeout(Duration.ofSeconds(2)).build()
                .publishTimeout());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConfiguredOutboxSettings
                .read(key -> key.equals("ferry.outbox.publish-timeout") ? Optional.of("2m") : Optional.empty()));
        assertTrue(e.getMessage().contains("publishTimeout (PT2M) must be shorter than leaseDuration (PT1M)"),
                e.getMessage());
    }

    @Test
    void backoffDoublesUpToTheMaximum() {
        OutboxSettings s = OutboxSettings.builder().backoff(Duration.ofMillis(100), Duration.ofSeconds(1)).build();
        assertEquals(new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1)), s.backoff());
        assertEquals(Duration.ofMillis(800), s.backoff().delayAfter(4));
        assertEquals(Duration.ofSeconds(1), s.backoff().delayAfter(500));
    }

    @Test
    void changingTheBuilderAfterBuildLeavesTheSettingsAlone() {
        OutboxSettings.Builder builder = OutboxSettings.builder().schema("app").batchSize(100).relayId("r1");
        OutboxSettings built = builder.build();
        Map<String, Object> before = SettingsCoverage.accessorValues(built);
        builder.schema("other").batchSize(5).backoff(Duration.ofSeconds(3), Duration.ofSeconds(4)).relayId("r2")
                .purge(Duration.ofSeconds(9), 9).retention(Duration.ofDays(1));
        assertEquals(before, SettingsCoverage.accessorValues(built));
    }

    @Test
    void toBuilderCopiesEverySettingAndLeavesTheOriginalAlone() {
        OutboxSettings settings = ConfiguredOutboxSettings.read(key -> Optional.of(switch (key) {
            case "ferry.schema" -> "app";
            case "ferry.outbox.table" -> "events";
            case "ferry.outbox.dead-message-policy" -> "continue";
            case "ferry.outbox.relay-id" -> "relay-7";
            case "ferry.outbox.batch-size", "ferry.outbox.purge-batch-size" -> "7";
            case "ferry.outbox.relay-threads", "ferry.outbox.max-attempts" -> "3";
            case "ferry.outbox.small-batch-pause" -> "5ms";
            case "ferry.outbox.max-payload-bytes" -> "4096";
            case "ferry.outbox.publish-timeout" -> "5s";
            case "ferry.outbox.cross-node-wake-ups" -> "false";
            default -> "7s";
        }));
        Map<String, Object> values = SettingsCoverage.accessorValues(settings);
        OutboxSettings.Builder copy = settings.toBuilder();
        assertEquals(values, SettingsCoverage.accessorValues(copy.build()));
        copy.batchSize(8).schema("other");
        assertEquals(values, SettingsCoverage.accessorValues(settings));
    }

    @Test
    void everyBuilderSettingHasAConfigurationKey() {
        KEYS.assertEveryBuilderSettingHasAKey();
    }

    @Test
    void theReaderReadsEveryDeclaredKeyAndNoOther() {
        KEYS.assertTheReaderReadsExactlyTheDeclaredKeys();
    }

    @Test
    void everyKeyRefusesNonsenseNamingTheKeyAndTheValue() {
        KEYS.assertEveryKeyRefusesNonsense();
    }

    @Test
    void everyKeyReachesItsSetting() {
        KEYS.assertEveryKeyChangesTheSettings();
    }

    @Test
    void theReadmeConfigurationTableListsEverySettingWithItsKey() {
        KEYS.assertReadmeTableNamesEverySettingAndKey();
    }

    @Test
    void everySettingHasAMicroProfileConfigKey() {
        Map<String, String> values = Map.of("ferry.outbox.retention", "7d",
                "ferry.outbox.purge-interval", "30s", "ferry.outbox.purge-batch-size", "250",
                "ferry.outbox.batch-size", "100");
        FerryConfig config = key -> Optional.ofNullable(values.get(key));
        OutboxSettings s = ConfiguredOutboxSettings.read(config);
        assertEquals(Duration.ofDays(7), s.retention());
        assertEquals(Duration.ofSeconds(30), s.purgeInterval());
        assertEquals(250, s.purgeBatchSize());
        assertEquals(100, s.batchSize());
        FerryConfig bad = key -> key.equals("ferry.outbox.purge-batch-size")
                ? Optional.of("lots") : Optional.empty();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfiguredOutboxSettings.read(bad));
        assertTrue(e.getMessage().contains("ferry.outbox.purge-batch-size"), e.getMessage());
    }

    @Test
    void aZeroDurationIsWrittenAsTheReadmeTableShowsIt() {
        FerryConfig config = key -> key.equals("ferry.outbox.retention") ? Optional.of("0") : Optional.empty();
        assertEquals(Duration.ZERO, ConfiguredOutboxSettings.read(config).retention());
    }

    private static void assertMessage(String expectedPart, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(expectedPart), e.getMessage());
    }
}
