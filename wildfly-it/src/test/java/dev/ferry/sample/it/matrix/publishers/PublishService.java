package dev.ferry.sample.it.matrix.publishers;

import dev.ferry.outbox.Outbox;
import dev.ferry.outbox.OutboxMessage;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/** Writes messages in one container transaction. */
@Stateless
public class PublishService {

    @Inject
    Outbox outbox;

    /**
     * @param topic the Ferry topic
     * @param from the first message's number
     * @param count how many
     * @return the messages' ids, in order
     */
    public List<String> write(String topic, int from, int count) {
        List<String> ids = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            ids.add(outbox.publish(OutboxMessage.builder(topic).key("key-" + (i % 5)).type("Note")
                    .jsonPayload("{\"i\":" + i + "}").build()).toString());
        }
        return ids;
    }
}
