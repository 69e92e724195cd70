package dev.ferry.outbox;

import java.util.List;
import java.util.Optional;

/**
 * One page of {@link OutboxAdmin#audit(int, String)}, newest entry first.
 *
 * @param items the entries of this page
 * @param nextCursor the cursor of the next page; empty on the last page
 */
public record OutboxAuditPage(List<OutboxAuditEntry> items, Optional<String> nextCursor) {

    /**
     * Copies the items.
     *
     * @param items the entries of this page
     * @param nextCursor the cursor of the next page; empty on the last page
     */
    public OutboxAuditPage {
        items = List.copyOf(items);
    }
}
