package dev.ferry.saga;

import java.util.List;
import java.util.Optional;

/**
 * One page of a {@link SagaCoordinator#query(SagaQuery)}.
 *
 * <pre>{@code
 * SagaQuery query = SagaQuery.all().withStatuses(SagaStatus.SUSPENDED).withLimit(100);
 * SagaPage page = coordinator.query(query);
 * while (page.nextCursor().isPresent()) {
 *     page = coordinator.query(query.after(page.nextCursor().get()));
 * }
 * }</pre>
 *
 * @param items the sagas of this page, oldest first (in the order they were started)
 * @param nextCursor where the next page starts ({@link SagaQuery#after(String)}); empty on the last
 *     page. Opaque: pass it back as it is
 */
public record SagaPage(List<SagaSummary> items, Optional<String> nextCursor) {

    /**
     * @param items the sagas of this page
     * @param nextCursor where the next page starts, or empty
     */
    public SagaPage {
        items = List.copyOf(items);
        nextCursor = nextCursor == null ? Optional.empty() : nextCursor;
    }
}
