package dev.ferry.sample.it.matrix.twodb;

import dev.ferry.outbox.FerryOutbox;
import dev.ferry.outbox.spi.OutgoingMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Default;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What each relay published (the cdi-event publisher), by outbox: the default outbox's events are unqualified, the
 * billing outbox's qualified {@code @FerryOutbox("billing")}.
 */
@ApplicationScoped
public class PublishedMessages {

    private final List<String> published = new CopyOnWriteArrayList<>();

    void onDefault(@Observes @Default OutgoingMessage message) {
        published.add("default " + message.topic() + " " + message.key());
    }

    void onBilling(@Observes @FerryOutbox("billing") OutgoingMessage message) {
        published.add("billing " + message.topic() + " " + message.key());
    }

    /** @return one line per delivery: outbox, topic, key */
    public List<String> lines() {
        return List.copyOf(published);
    }
}
