package dev.ferry.outbox;

import java.util.List;
import java.util.Optional;

/**
 * One page of {@link OutboxAdmin#deadMessages(int, String)}.
 *
 * @param items the dead messages of this page, in write order
 * @param nextCursor where the next page starts (pass it to {@link OutboxAdmin#deadMessages(int, String)});
 *     empty on the last page. Opaque: pass it back as it is
 */
public record DeadMessagePage(List<DeadMessage> items, Optional<String> nextCursor) {

    /**
     * @param items the dead messages of this page
     * @param nextCursor where the next page starts, or empty
     */
    public DeadMessagePage {
        items = List.copyOf(items);
        nextCursor = nextCursor == null ? Optional.empty() : nextCursor;
    }
}
