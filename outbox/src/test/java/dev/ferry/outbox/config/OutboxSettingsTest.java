package dev.ferry.outbox.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.runtime.config.FerryConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OutboxSettingsTest {

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
        assertMessage("batchSize must be between 1 and 1000, was 0", () -> OutboxSettings.builder().batchSize(0).build());
        assertMessage("pollInterval must be a positive duration", () -> OutboxSettings.builder().pollInterval(Duration.ZERO).build());
        assertMessage("maxBackoff (PT1S) is shorter than initialBackoff (PT2S)",
                () -> OutboxSettings.builder().backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)).build());
        assertMessage("retention must be zero or positive", () -> OutboxSettings.builder().retention(Duration.ofSeconds(-1)).build());
    }

    @Test
    void backoffDoublesUpToTheMaximum() {
        OutboxSettings s = OutboxSettings.builder().backoff(Duration.ofMillis(100), Duration.ofSeconds(1)).build();
        assertEquals(Duration.ofMillis(100), s.backoffAfter(1));
        assertEquals(Duration.ofMillis(200), s.backoffAfter(2));
        assertEquals(Duration.ofMillis(800), s.backoffAfter(4));
        assertEquals(Duration.ofSeconds(1), s.backoffAfter(5));
        assertEquals(Duration.ofSeconds(1), s.backoffAfter(500));
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

    private static void assertMessage(String expectedPart, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(expectedPart), e.getMessage());
    }
}
