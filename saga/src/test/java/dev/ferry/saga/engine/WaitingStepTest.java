package dev.ferry.saga.engine;

import static dev.ferry.saga.engine.SagaEngineTest.outcomes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.runtime.testing.TestDatabase;
import dev.ferry.runtime.testing.TestDatabases;
import dev.ferry.saga.SagaCoordinator;
import dev.ferry.saga.SagaStatus;
import dev.ferry.saga.SagaView;
import dev.ferry.saga.testing.OrderData;
import dev.ferry.saga.testing.PaymentSaga;
import dev.ferry.saga.testing.SagaTestRig;
import jakarta.transaction.UserTransaction;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/** Steps that send a command and wait for the reply, holding no thread. */
class WaitingStepTest {

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void waitingStepCompletedByTheReply(TestDatabase database) throws Exception {
        try (SagaTestRig rig = SagaTestRig.create(database, "saga_wait_ok")) {
            SagaCoordinator sagas = rig.start(b -> b.register(PaymentSaga.class, new PaymentSaga(rig.effects())));
            UUID id = sagas.start(PaymentSaga.class, OrderData.ok("w1"));

            SagaView waiting = rig.await(id, SagaStatus.WAITING);
            assertEquals("requestPayment", waiting.currentStep());
            assertEquals(List.of("reserve", "requestPayment"), rig.effectsOf(id), "the command committed");
            assertFalse(sagas.completeStep(id, "ship", null), "not waiting at ship");
            assertThrows(IllegalArgumentException.class, () -> sagas.completeStep(id, "nope", null));
            assertThrows(IllegalArgumentException.class, () -> sagas.completeStep(id, "requestPayment", "wrong type"));

            assertTrue(sagas.completeStep(id, "requestPayment", OrderData.ok("w1").withPaymentId("p-77")));
            assertFalse(sagas.completeStep(id, "requestPayment", null), "a duplicate reply is ignored");
            SagaView done = rig.await(id, SagaStatus.COMPLETED);
            assertEquals("p-77", done.data(OrderData.class).paymentId());
            assertEquals(List.of("reserve", "requestPayment", "ship"), rig.effectsOf(id));
            assertEquals(List.of("reserve:COMPLETED", "requestPayment:WAITING", "requestPayment:COMPLETED",
                    "ship:COMPLETED"), outcomes(done));
        }
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void waitingStepFailedByTheReplyCompensatesTheStepsBeforeIt(TestDatabase database) throws Exception {
        try (SagaTestRig rig = SagaTestRig.create(database, "saga_wait_fail")) {
            SagaCoordinator sagas = rig.start(b -> b.register(PaymentSaga.class, new PaymentSaga(rig.effects())));
            UUID id = sagas.start(PaymentSaga.class, OrderData.ok("w2"));
            rig.await(id, SagaStatus.WAITING);

            UserTransaction ut = rig.env().userTransaction();
            ut.begin();
            assertTrue(sagas.failStep(id, "requestPayment", "card declined"));
            ut.commit();
            SagaView view = rig.await(id, SagaStatus.COMPENSATED);
            assertEquals(List.of("reserve", "requestPayment", "release"), rig.effectsOf(id));
            assertEquals(List.of("reserve:COMPLETED", "requestPayment:WAITING", "requestPayment:FAILED",
                    "reserve:COMPENSATED"), outcomes(view));
            assertEquals("card declined", view.history().get(2).error());
            assertFalse(sagas.completeStep(id, "requestPayment", null), "a late reply is ignored");
        }
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void waitingStepTimesOutAndIsCompensatedWithTheStepsBeforeIt(TestDatabase database) throws Exception {
        try (SagaTestRig rig = SagaTestRig.create(database, "saga_wait_timeout")) {
            SagaCoordinator sagas = rig.start(b -> b.register(PaymentSaga.class, new PaymentSaga(rig.effects())));
            UUID id = sagas.start(PaymentSaga.class, OrderData.ok("w3"));
            UUID aborted = sagas.start(PaymentSaga.class, OrderData.ok("w4"));
            rig.await(aborted, SagaStatus.WAITING);
            assertTrue(sagas.abort(aborted));

            SagaView view = rig.await(id, SagaStatus.COMPENSATED);
            // The command went out, so the other side may have acted: the waiting step is compensated too.
            assertEquals(List.of("reserve", "requestPayment", "cancelPayment", "release"), rig.effectsOf(id));
            assertEquals(List.of("reserve:COMPLETED", "requestPayment:WAITING", "requestPayment:TIMED_OUT",
                    "requestPayment:COMPENSATED", "reserve:COMPENSATED"), outcomes(view));
            SagaView abortedView = rig.await(aborted, SagaStatus.COMPENSATED);
            assertEquals(List.of("reserve", "requestPayment", "cancelPayment", "release"), rig.effectsOf(aborted));
            assertEquals("requestPayment:ABORTED", outcomes(abortedView).get(2));
            assertFalse(sagas.completeStep(id, "requestPayment", null), "a reply after the timeout is ignored");
        }
    }
}
