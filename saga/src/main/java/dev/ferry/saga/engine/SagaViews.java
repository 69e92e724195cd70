package dev.ferry.saga.engine;

import dev.ferry.runtime.json.JsonCodec;
import dev.ferry.saga.SagaView;
import dev.ferry.saga.StepRecord;
import dev.ferry.saga.definition.BoundSaga;
import dev.ferry.saga.definition.SagaRegistry;
import dev.ferry.saga.store.SagaRow;
import java.util.List;

/** Turns stored sagas into {@link SagaView}s, reading the data as the registered data type. */
final class SagaViews {

    private final SagaRegistry registry;
    private final JsonCodec json;

    SagaViews(SagaRegistry registry, JsonCodec json) {
        this.registry = registry;
        this.json = json;
    }

    SagaView view(SagaRow row, List<StepRecord> history) {
        return new SagaView(row.id(), row.name(), row.definitionVersion(), row.status(), row.currentStep(),
                row.attempts(), data(row), row.lastError(), row.createdAt(), row.updatedAt(),
                history == null ? List.of() : history);
    }

    private Object data(SagaRow row) {
        BoundSaga saga = registry.byName(row.name(), row.definitionVersion());
        if (saga == null || row.data() == null) {
            return row.data();
        }
        try {
            return json.fromText(row.data(), saga.definition().dataType());
        } catch (IllegalArgumentException e) {
            return row.data(); // unreadable as the current data type: show the stored JSON
        }
    }
}
