package dev.ferry.outbox.cdi;

import dev.ferry.outbox.FerryOutbox;
import dev.ferry.outbox.Outbox;
import dev.ferry.outbox.OutboxAdmin;
import dev.ferry.outbox.config.OutboxKeys;
import dev.ferry.runtime.config.FerryConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.ProcessInjectionPoint;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Makes {@code @Inject @FerryOutbox("billing") Outbox} (and {@link OutboxAdmin}) work: for every named outbox the
 * configuration lists ({@code ferry.outboxes.<name>.*}) or an injection point names, a synthetic application-scoped
 * bean of each type with that qualifier, backed by {@link NamedOutboxEngines}, and its health checks
 * ({@link NamedOutboxHealth}). An injection point naming an outbox
 * whose {@code ferry.outboxes.<name>.datasource} is not set, or an invalid name, fails the deployment with the name,
 * where it is injected and the keys to set.
 */
public class NamedOutboxes implements Extension {

    private final Map<String, List<String>> injected = new ConcurrentHashMap<>();
    private volatile SortedSet<String> registered = new TreeSet<>();

    <T, X> void collect(@Observes ProcessInjectionPoint<T, X> event) {
        InjectionPoint ip = event.getInjectionPoint();
        if (OutboxUse.isOutbox(ip.getType())) {
            nameOf(ip).ifPresent(name -> injected.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>())
                    .add(describe(ip)));
        }
    }

    void register(@Observes AfterBeanDiscovery abd) {
        FerryConfig config = FerryConfig.current();
        SortedSet<String> configured;
        try {
            configured = OutboxKeys.namesIn(config);
        } catch (IllegalArgumentException e) {
            abd.addDefinitionError(e);
            return;
        }
        SortedSet<String> names = new TreeSet<>(configured);
        names.addAll(injectedAndConfigured(config, abd));
        registered = names;
        boolean health = NamedOutboxHealth.available();
        for (String name : names) {
            FerryOutbox qualifier = FerryOutbox.Literal.of(name);
            abd.addBean().beanClass(NamedOutboxEngines.class).id("ferry-outbox-" + name)
                    .types(Outbox.class, Object.class).qualifiers(qualifier, Any.Literal.INSTANCE)
                    .scope(ApplicationScoped.class)
                    .produceWith(beans -> beans.select(NamedOutboxEngines.class).get().engine(name).outbox());
            abd.addBean().beanClass(NamedOutboxEngines.class).id("ferry-outbox-admin-" + name)
                    .types(OutboxAdmin.class, Object.class).qualifiers(qualifier, Any.Literal.INSTANCE)
                    .scope(ApplicationScoped.class)
                    .produceWith(beans -> beans.select(NamedOutboxEngines.class).get().engine(name).admin());
            if (health) {
                NamedOutboxHealth.register(abd, name);
            }
        }
    }

    /** @return the named outboxes given beans at deployment, sorted */
    public SortedSet<String> names() {
        return new TreeSet<>(registered);
    }

    /**
     * Reports every injected name that is invalid or not configured (an environment variable can configure a name
     * the configuration does not list).
     *
     * @return the injected names whose data source is set
     */
    private List<String> injectedAndConfigured(FerryConfig config, AfterBeanDiscovery abd) {
        List<String> found = new ArrayList<>();
        new TreeMap<>(injected).forEach((name, where) -> {
            OutboxKeys keys;
            try {
                keys = OutboxKeys.named(name);
            } catch (IllegalArgumentException e) {
                abd.addDefinitionError(new IllegalArgumentException("@FerryOutbox(\"" + name + "\") at "
                        + String.join(", ", where) + ": " + e.getMessage(), e));
                return;
            }
            if (config.string(keys.dataSourceKey()).isEmpty()) {
                abd.addDefinitionError(new IllegalStateException("Ferry outbox '" + name + "' is injected at "
                        + String.join(", ", where) + " but not configured: set " + keys.dataSourceKey()
                        + " (the JNDI name of its JTA data source) and " + keys.key("publisher")
                        + " (jms, cdi-event, kafka, rabbitmq, webhook or bean), and optionally "
                        + keys.workerDataSourceKey() + ", " + keys.schemaKey() + " and " + keys.key("table")));
            } else {
                found.add(name);
            }
        });
        return found;
    }

    /**
     * @param ip an injection point
     * @return the outbox name of its {@code @FerryOutbox} qualifier, if it has one
     */
    static Optional<String> nameOf(InjectionPoint ip) {
        for (Annotation q : ip.getQualifiers()) {
            if (q instanceof FerryOutbox named) {
                return Optional.of(named.value());
            }
        }
        return Optional.empty();
    }

    private static String describe(InjectionPoint ip) {
        if (ip.getMember() == null) {
            return String.valueOf(ip);
        }
        return ip.getMember().getDeclaringClass().getName() + "." + ip.getMember().getName();
    }
}
