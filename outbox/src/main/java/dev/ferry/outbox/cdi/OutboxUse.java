package dev.ferry.outbox.cdi;

import dev.ferry.outbox.Outbox;
import dev.ferry.outbox.OutboxAdmin;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.ProcessInjectionPoint;
import jakarta.inject.Provider;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Finds out at deployment whether the application uses the outbox: whether any bean, session bean, interceptor
 * or Jakarta EE component injects {@link Outbox} or {@link OutboxAdmin}, directly or as
 * {@code Instance<Outbox>} / {@code Provider<Outbox>}; injection points of a named outbox
 * ({@code @FerryOutbox("billing")}, see {@link NamedOutboxes}) do not count.
 * An application that does not, and configures no
 * publisher, gets no relay (see {@link OutboxBeans}); one that does needs a publisher, or its deployment fails.
 * A programmatic look-up ({@code CDI.current().select(Outbox.class)}) is not seen here: it starts the outbox
 * when it is made, and fails there, loudly, without a publisher.
 */
public class OutboxUse implements Extension {

    private final List<String> injectionPoints = new CopyOnWriteArrayList<>();

    <T, X> void collect(@Observes ProcessInjectionPoint<T, X> event) {
        InjectionPoint ip = event.getInjectionPoint();
        if (isOutbox(ip.getType()) && NamedOutboxes.nameOf(ip).isEmpty()) {
            injectionPoints.add(describe(ip));
        }
    }

    /** @return where the application injects the outbox, such as {@code com.example.OrderService.outbox} */
    public List<String> injectionPoints() {
        return List.copyOf(injectionPoints);
    }

    /** @return whether the application injects the default {@link Outbox} or {@link OutboxAdmin} anywhere */
    public boolean outboxInjected() {
        return !injectionPoints.isEmpty();
    }

    static boolean isOutbox(Type type) {
        if (type == Outbox.class || type == OutboxAdmin.class) {
            return true;
        }
        if (type instanceof ParameterizedType p && p.getActualTypeArguments().length == 1
                && (p.getRawType() == Instance.class || p.getRawType() == Provider.class)) {
            return isOutbox(p.getActualTypeArguments()[0]);
        }
        return false;
    }

    private static String describe(InjectionPoint ip) {
        if (ip.getMember() == null) {
            return String.valueOf(ip);
        }
        return ip.getMember().getDeclaringClass().getName() + "." + ip.getMember().getName();
    }
}
