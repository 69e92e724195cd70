package dev.ferry.outbox.cdi;

import dev.ferry.outbox.FerryOutbox;
import dev.ferry.outbox.config.ConfiguredOutboxSettings;
import dev.ferry.outbox.config.OutboxKeys;
import dev.ferry.outbox.config.OutboxSettings;
import dev.ferry.outbox.engine.OutboxEngine;
import dev.ferry.outbox.spi.MessagePublisher;
import dev.ferry.runtime.config.FerryConfig;
import dev.ferry.runtime.container.CallerName;
import dev.ferry.runtime.container.ContainerReady;
import dev.ferry.runtime.container.ContainerResources;
import dev.ferry.runtime.container.DataSourceNames;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The named outboxes of a Jakarta EE application ({@code ferry.outboxes.<name>.*}, injected with
 * {@code @FerryOutbox("<name>")}): each its own {@link OutboxEngine} on its own data sources, table and publisher,
 * with its own relay, all started when the application starts and stopped on undeploy. Two outboxes on one table
 * (same data source, schema and table) are refused: each relay would publish the other's messages.
 */
@ApplicationScoped
public class NamedOutboxEngines {

    private static final System.Logger LOG = System.getLogger(NamedOutboxEngines.class.getName());

    @Inject
    @Any
    Instance<MessagePublisher> publishers;

    @Inject
    BeanManager beanManager;

    @Inject
    NamedOutboxes outboxes;

    private final Map<String, OutboxEngine> engines = new LinkedHashMap<>();

    /** Starts every named outbox when the application starts; a configuration error fails the deployment. */
    void onStart(@Observes ContainerReady event) {
        for (String name : outboxes.names()) {
            engine(name);
        }
    }

    /**
     * @param name a named outbox
     * @return its running engine, started on first use
     * @throws IllegalStateException naming the key to set if it is not configured
     * @throws IllegalArgumentException naming the key and the value of a refused setting
     */
    public synchronized OutboxEngine engine(String name) {
        OutboxEngine engine = engines.get(name);
        if (engine == null) {
            FerryConfig config = FerryConfig.current();
            OutboxKeys keys = OutboxKeys.named(name);
            DataSourceNames dataSources = DataSourceNames.required(config, keys.dataSourceKey(),
                    keys.workerDataSourceKey(), "Ferry " + keys.describe());
            OutboxSettings settings = ConfiguredOutboxSettings.read(config, keys);
            refuseSharedTable(config, name, dataSources, settings);
            MessagePublisher publisher = PublisherChoice.choose(publishers.select(FerryOutbox.Literal.of(name)),
                    beanManager, config, keys);
            engine = ContainerResources.configure(OutboxEngine.builder(), config, dataSources)
                    .settings(settings)
                    .publisher(publisher)
                    .actor(new CallerName(beanManager))
                    .build()
                    .start();
            engines.put(name, engine);
            LOG.log(Level.INFO, "Ferry outbox '" + name + "' started on " + dataSources.jta() + ", table "
                    + settings.table().qualified() + ", with " + publisher.getClass().getSimpleName());
        }
        return engine;
    }

    /** @return the named outboxes' engines that run, by name (the health checks do not start one) */
    public synchronized Map<String, OutboxEngine> runningEngines() {
        return Map.copyOf(engines);
    }

    private void refuseSharedTable(FerryConfig config, String name, DataSourceNames dataSources,
            OutboxSettings settings) {
        String place = place(dataSources, settings);
        if (place.equals(place(DataSourceNames.ofDefault(config), ConfiguredOutboxSettings.read(config)))) {
            throw new IllegalStateException(sharesTable(name, "the default outbox", place));
        }
        for (String other : outboxes.names()) {
            if (other.compareTo(name) < 0) {
                OutboxKeys keys = OutboxKeys.named(other);
                Optional<String> jta = config.string(keys.dataSourceKey());
                if (jta.isPresent() && place.equals(place(DataSourceNames.required(config, keys.dataSourceKey(),
                        keys.workerDataSourceKey(), other), ConfiguredOutboxSettings.read(config, keys)))) {
                    throw new IllegalStateException(sharesTable(name, "outbox '" + other + "'", place));
                }
            }
        }
    }

    private static String place(DataSourceNames dataSources, OutboxSettings settings) {
        return dataSources.jta() + " " + settings.table().qualified();
    }

    private static String sharesTable(String name, String other, String place) {
        OutboxKeys keys = OutboxKeys.named(name);
        return "Ferry outbox '" + name + "' and " + other + " would share one table (" + place + "): each relay would"
                + " publish the other's messages; give it its own " + keys.dataSourceKey() + " or "
                + keys.key("table");
    }

    /** Stops the relays when the application stops: the batches in flight finish and are recorded. */
    @PreDestroy
    synchronized void stop() {
        engines.values().forEach(OutboxEngine::close);
        engines.clear();
    }
}
