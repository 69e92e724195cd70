package dev.ferry.console.sagas;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ferry.saga.SagaStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The actions the console offers per status follow SagaCoordinator's table (README, "Operating sagas"). */
class SagaActionsTest {

    @Test
    void eachStatusOffersWhatTheCoordinatorAllows() {
        assertEquals(List.of("resume", "compensate", "skip", "cancel"), SagaActions.allowed(SagaStatus.SUSPENDED, 1));
        assertEquals(List.of("skip", "abort", "cancel"), SagaActions.allowed(SagaStatus.WAITING, 0));
        assertEquals(List.of("abort", "cancel"), SagaActions.allowed(SagaStatus.RUNNING, 0));
        assertEquals(List.of("skip", "abort", "cancel"), SagaActions.allowed(SagaStatus.RUNNING, 2));
        assertEquals(List.of("retry-compensation", "cancel"), SagaActions.allowed(SagaStatus.PARKED, 10));
        assertEquals(List.of("cancel"), SagaActions.allowed(SagaStatus.COMPENSATING, 0));
        for (SagaStatus done : List.of(SagaStatus.COMPLETED, SagaStatus.COMPENSATED, SagaStatus.CANCELLED)) {
            assertEquals(List.of(), SagaActions.allowed(done, 0), done.name());
        }
    }
}
