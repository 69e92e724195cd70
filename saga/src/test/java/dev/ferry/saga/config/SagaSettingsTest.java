package dev.ferry.saga.config;

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

class SagaSettingsTest {

    /** Each configuration key, the builder setting it sets, and a value other than the default. */
    private static final SettingsCoverage<SagaSettings> KEYS = SettingsCoverage.of(SagaSettings.Builder.class,
                    ConfiguredSagaSettings::read, "### Configuration (`SagaSettings`)")
            .key("ferry.schema", "schema", "app")
            .key("ferry.saga.instance-table", "instanceTable", "sagas")
            .key("ferry.saga.step-table", "stepTable", "saga_log")
            .key("ferry.saga.engine-table", "engineTable", "saga_engines")
            .key("ferry.saga.workers", "workers", "4")
            .key("ferry.saga.claim-batch-size", "claimBatchSize", "10")
            .key("ferry.saga.poll-interval", "pollInterval", "2s")
            .key("ferry.saga.lease-duration", "leaseDuration", "30s")
            .key("ferry.saga.max-backoff", "maxBackoff", "1m")
            .key("ferry.saga.worker-id", "workerId", "node-7")
            .key("ferry.saga.unknown-versions", "unknownVersions", "park")
            .key("ferry.saga.retention", "retention", "30d")
            .key("ferry.saga.purge-interval", "purgeInterval", "5m")
            .key("ferry.saga.purge-batch-size", "purgeBatchSize", "50")
            .fixed("ferry.saga.worker-id", "node-base");

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
    void aWrongValueNamesItsKey() {
        FerryConfig bad = key -> key.equals("ferry.saga.lease-duration") ? Optional.of("soon") : Optional.empty();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfiguredSagaSettings.read(bad));
        assertTrue(e.getMessage().contains("ferry.saga.lease-duration"), e.getMessage());
    }

    @Test
    void theServersIdentityIsTheWorkerIdUnlessTheKeyIsSet() {
        assertEquals("host/app", ConfiguredSagaSettings.read(key -> Optional.empty(), () -> "host/app").workerId());
        FerryConfig named = key -> key.equals("ferry.saga.worker-id") ? Optional.of("node-1") : Optional.empty();
        assertEquals("node-1", ConfiguredSagaSettings.read(named, () -> {
            throw new AssertionError("the server's identity is not asked for");
        }).workerId());
    }

    @Test
    void changingTheBuilderAfterBuildLeavesTheSettingsAlone() {
        SagaSettings.Builder builder = SagaSettings.builder().schema("app").workers(3).workerId("node-1");
        SagaSettings built = builder.build();
        Map<String, Object> before = SettingsCoverage.accessorValues(built);
        builder.schema("other").workers(9).workerId("node-2").maxBackoff(Duration.ofSeconds(3));
        assertEquals(before, SettingsCoverage.accessorValues(built));
        SagaSettings.Builder copy = built.toBuilder();
        assertEquals(before, SettingsCoverage.accessorValues(copy.build()), "toBuilder copies every setting");
        copy.claimBatchSize(50).engineTable("engines");
        assertEquals(before, SettingsCoverage.accessorValues(built));
    }

    @Test
    void aStepBacksOffFromItsOwnPauseUpToTheEnginesMaximum() {
        SagaSettings settings = SagaSettings.builder().maxBackoff(Duration.ofSeconds(5)).build();
        assertEquals(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(5)),
                settings.stepBackoff(Duration.ofSeconds(1)));
        assertEquals(Duration.ofSeconds(4), settings.stepBackoff(Duration.ofSeconds(1)).delayAfter(3));
        assertEquals(Duration.ofSeconds(5), settings.stepBackoff(Duration.ofMinutes(1)).delayAfter(1),
                "a step's first pause above the maximum is cut to it");
        assertEquals(Duration.ZERO, settings.stepBackoff(Duration.ZERO).delayAfter(1_000));
    }
}
