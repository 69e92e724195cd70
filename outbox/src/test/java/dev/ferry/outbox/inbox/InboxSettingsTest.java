package dev.ferry.outbox.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.runtime.config.FerryConfig;
import dev.ferry.runtime.testing.SettingsCoverage;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InboxSettingsTest {

    /** Each configuration key, the builder setting it sets, and a value other than the default. */
    private static final SettingsCoverage<InboxSettings> KEYS = SettingsCoverage.of(InboxSettings.Builder.class,
                    ConfiguredInboxSettings::read, "## Inbox: idempotent receiving")
            .key("ferry.schema", "schema", "app")
            .key("ferry.inbox.table", "table", "received")
            .key("ferry.inbox.consumer", "consumer", "billing")
            .key("ferry.inbox.retention", "retention", "1d")
            .key("ferry.inbox.purge-interval", "purge", "30s")
            .key("ferry.inbox.purge-batch-size", "purge", "100");

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
    void theReadmeInboxTableListsEverySettingWithItsKey() {
        KEYS.assertReadmeTableNamesEverySettingAndKey();
    }

    @Test
    void aWrongValueNamesItsKey() {
        FerryConfig bad = key -> key.equals("ferry.inbox.purge-batch-size") ? Optional.of("many") : Optional.empty();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfiguredInboxSettings.read(bad));
        assertTrue(e.getMessage().contains("ferry.inbox.purge-batch-size"), e.getMessage());
    }

    @Test
    void changingTheBuilderAfterBuildLeavesTheSettingsAlone() {
        InboxSettings.Builder builder = InboxSettings.builder().schema("app").consumer("billing");
        InboxSettings built = builder.build();
        Map<String, Object> before = SettingsCoverage.accessorValues(built);
        builder.schema("other").consumer("shipping").retention(Duration.ofHours(1)).purge(Duration.ofSeconds(5), 5);
        assertEquals(before, SettingsCoverage.accessorValues(built));
        InboxSettings.Builder copy = built.toBuilder();
        assertEquals(before, SettingsCoverage.accessorValues(copy.build()), "toBuilder copies every setting");
        copy.table("elsewhere");
        assertEquals(before, SettingsCoverage.accessorValues(built));
    }
}
