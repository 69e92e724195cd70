package dev.ferry.runtime.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ferry.runtime.config.FerryConfig;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which data sources an engine in a server uses, and which key named each (for messages). */
class DataSourceNamesTest {

    @Test
    void sagasAndTheInboxUseTheDefaultDataSourcesUnlessGivenTheirOwn() {
        FerryConfig none = config(Map.of());
        assertEquals(new DataSourceNames("java:comp/DefaultDataSource", "ferry.datasource",
                "java:comp/DefaultDataSource", "ferry.datasource"), DataSourceNames.ofComponent(none, "saga"));
        FerryConfig shared = config(Map.of("ferry.datasource", "java:/A", "ferry.worker-datasource", "java:/AW"));
        assertEquals(new DataSourceNames("java:/A", "ferry.datasource", "java:/AW", "ferry.worker-datasource"),
                DataSourceNames.ofComponent(shared, "inbox"));
        FerryConfig own = config(Map.of("ferry.datasource", "java:/A", "ferry.worker-datasource", "java:/AW",
                "ferry.saga.datasource", "java:/S"));
        assertEquals(new DataSourceNames("java:/S", "ferry.saga.datasource", "java:/S", "ferry.saga.datasource"),
                DataSourceNames.ofComponent(own, "saga"), "the default worker belongs to another database");
        FerryConfig ownWorker = config(Map.of("ferry.saga.datasource", "java:/S", "ferry.saga.worker-datasource",
                "java:/SW"));
        assertEquals(new DataSourceNames("java:/S", "ferry.saga.datasource", "java:/SW",
                "ferry.saga.worker-datasource"), DataSourceNames.ofComponent(ownWorker, "saga"));
        FerryConfig workerOnly = config(Map.of("ferry.inbox.worker-datasource", "java:/IW"));
        assertEquals(new DataSourceNames("java:comp/DefaultDataSource", "ferry.datasource", "java:/IW",
                "ferry.inbox.worker-datasource"), DataSourceNames.ofComponent(workerOnly, "inbox"));
    }

    @Test
    void aRequiredDataSourceNamesItsKeyWhenMissing() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> DataSourceNames.required(
                config(Map.of()), "ferry.outboxes.billing.datasource", "ferry.outboxes.billing.worker-datasource",
                "Ferry outbox 'billing'"));
        assertEquals("Ferry outbox 'billing' needs ferry.outboxes.billing.datasource, the JNDI name of its JTA data"
                + " source (such as java:jboss/datasources/Billing)", e.getMessage());
        assertEquals(new DataSourceNames("java:/B", "ferry.outboxes.billing.datasource", "java:/B",
                "ferry.outboxes.billing.datasource"), DataSourceNames.required(config(Map.of(
                        "ferry.outboxes.billing.datasource", "java:/B", "ferry.worker-datasource", "java:/AW")),
                "ferry.outboxes.billing.datasource", "ferry.outboxes.billing.worker-datasource", "x"));
    }

    private static FerryConfig config(Map<String, String> values) {
        return key -> Optional.ofNullable(values.get(key));
    }
}
