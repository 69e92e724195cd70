package dev.ferry.saga.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.saga.FailurePolicy;
import dev.ferry.saga.Saga;
import dev.ferry.saga.SagaContext;
import dev.ferry.saga.SagaDefinitionException;
import dev.ferry.saga.SagaStep;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Definitions are checked when registered; each problem names the class, the method and the problem. */
class SagaDefinitionReaderTest {

    public record Data(String id) {
        public Data withId(String id) {
            return new Data(id);
        }
    }

    @Saga(name = "order-fulfilment")
    public static class Valid {
        @SagaStep(order = 1, compensateWith = "releaseStock")
        public void reserveStock(Data data) { }

        public void releaseStock(Data data) { }

        @SagaStep(order = 2, compensateWith = "refund", maxAttempts = 5, backoff = "PT1S", timeout = "PT30S",
                nonRetryable = IllegalArgumentException.class)
        public Data charge(Data data, SagaContext ctx) {
            return data;
        }

        public Data refund(Data data, SagaContext ctx) {
            return data;
        }

        @SagaStep(order = 3)
        public void ship(Data data) { }
    }

    @Test
    void readsAValidDefinitionInStepOrder() {
        SagaDefinition def = SagaDefinitionReader.read(Valid.class);
        assertEquals("order-fulfilment", def.name());
        assertEquals(Data.class, def.dataType());
        assertEquals(List.of("reserveStock", "charge", "ship"),
                def.steps().stream().map(StepDefinition::name).toList());
        StepDefinition charge = def.step("charge");
        assertEquals("refund", charge.compensation().name());
        assertEquals(5, charge.maxAttempts());
        assertEquals(Duration.ofSeconds(30), charge.timeout());
        assertTrue(charge.isNonRetryable(new IllegalStateException("wrapped", new IllegalArgumentException())));
        assertNull(def.step("ship").compensation());
        assertEquals(1, def.version());
        assertEquals(FailurePolicy.COMPENSATE, charge.onFailure());
        assertNull(def.find("refund"));
    }

    @Saga(name = "order-fulfilment", version = 2)
    public static class Renamed {
        @SagaStep(order = 1, name = "reserveStock", compensateWith = "undoReservation")
        public void reserve(Data data) { }

        public void undoReservation(Data data) { }

        @SagaStep(order = 2, name = "charge", onFailure = FailurePolicy.PARK)
        public void chargeCard(Data data) { }
    }

    @Test
    void stepsKeepTheirStableNamesWhenMethodsAreRenamed() {
        SagaDefinition def = SagaDefinitionReader.read(Renamed.class);
        assertEquals(2, def.version());
        assertEquals(List.of("reserveStock", "charge"), def.steps().stream().map(StepDefinition::name).toList());
        assertEquals("undoReservation", def.step("reserveStock").compensation().name());
        assertTrue(def.step("charge").parksOnFailure());
    }

    @Saga(name = "dup-names")
    public static class DuplicateStepNames {
        @SagaStep(order = 1, name = "charge")
        public void first(Data d) { }

        @SagaStep(order = 2)
        public void charge(Data d) { }
    }

    @Saga(name = "version-zero", version = 0)
    public static class VersionZero {
        @SagaStep(order = 1)
        public void charge(Data d) { }
    }

    @Test
    void stepNamesMustBeUniqueAndVersionsPositive() {
        assertContains(refused(DuplicateStepNames.class), "method charge", "step name 'charge'", "method first",
                "must be unique");
        assertContains(refused(VersionZero.class), "@Saga(version) must be at least 1, was 0");
    }

    @Test
    void versionsOfOneNameSitSideBySideAndTheHighestStartsNewInstances() {
        SagaRegistry registry = new SagaRegistry();
        registry.register(Renamed.class);
        registry.register(Valid.class);
        assertEquals(List.of("order-fulfilment"), registry.names());
        assertEquals(List.of(1, 2), registry.versions("order-fulfilment"));
        assertEquals(Renamed.class, registry.byName("order-fulfilment").definition().type());
        assertEquals(Valid.class, registry.byName("order-fulfilment", 1).definition().type());
        assertNull(registry.byName("order-fulfilment", 3));
    }

    @Saga(name = "dup")
    public static class DuplicateOrder {
        @SagaStep(order = 1)
        public void first(Data d) { }

        @SagaStep(order = 1)
        public void second(Data d) { }
    }

    @Test
    void duplicateOrders() {
        SagaDefinitionException e = refused(DuplicateOrder.class);
        assertTrue(e.method().equals("first") || e.method().equals("second"), e.getMessage());
        assertContains(e, "order = 1", "step orders must be unique");
        assertContains(e, e.method().equals("first") ? "second" : "first");
    }

    @Saga(name = "missing-comp")
    public static class MissingCompensation {
        @SagaStep(order = 1, compensateWith = "refnud")
        public void charge(Data d) { }

        public void refund(Data d) { }
    }

    @Test
    void missingCompensationMethod() {
        SagaDefinitionException e = refused(MissingCompensation.class);
        assertEquals("charge", e.method());
        assertContains(e, "method charge", "compensation method 'refnud'", "does not exist");
    }

    @Saga(name = "mistyped-comp")
    public static class MistypedCompensation {
        @SagaStep(order = 1, compensateWith = "refund")
        public void charge(Data d) { }

        public void refund(String paymentId) { }
    }

    @Test
    void misTypedCompensationMethod() {
        SagaDefinitionException e = refused(MistypedCompensation.class);
        assertEquals("charge", e.method());
        assertContains(e, "compensation method 'refund'", "must take (Data) or (Data, SagaContext)", "refund(String)");
    }

    @Saga(name = "private-comp")
    public static class PrivateCompensation {
        @SagaStep(order = 1, compensateWith = "refund")
        public void charge(Data d) { }

        private void refund(Data d) { }
    }

    @Test
    void nonPublicCompensationMethod() {
        SagaDefinitionException e = refused(PrivateCompensation.class);
        assertContains(e, "method refund", "compensation method 'refund'", "must be public");
    }

    @Saga(name = "no-params")
    public static class StepWithoutData {
        @SagaStep(order = 1)
        public void charge() { }
    }

    @Saga(name = "bad-second")
    public static class StepWithWrongSecondParameter {
        @SagaStep(order = 1)
        public void reserve(Data d) { }

        @SagaStep(order = 2)
        public void charge(Data d, String currency) { }
    }

    @Saga(name = "primitive")
    public static class StepWithPrimitive {
        @SagaStep(order = 1)
        public void charge(int amount) { }
    }

    @Test
    void stepWithWrongParameters() {
        assertContains(refused(StepWithoutData.class), "method charge", "takes (D data) or (D data, SagaContext",
                "takes ()");
        assertContains(refused(StepWithWrongSecondParameter.class), "method charge", "takes (Data, String)");
        assertContains(refused(StepWithPrimitive.class), "method charge", "not a primitive", "takes (int)");
    }

    @Saga(name = "two-types")
    public static class StepsWithDifferentData {
        @SagaStep(order = 1)
        public void reserve(Data d) { }

        @SagaStep(order = 2)
        public void charge(String d) { }
    }

    @Saga(name = "bad-return")
    public static class StepReturningSomethingElse {
        @SagaStep(order = 1)
        public String charge(Data d) {
            return "";
        }
    }

    @Test
    void stepWithOtherDataTypeOrReturnType() {
        assertContains(refused(StepsWithDifferentData.class), "method charge", "java.lang.String",
                "every step of a saga takes the same data type");
        assertContains(refused(StepReturningSomethingElse.class), "method charge", "returns java.lang.String",
                "void or the saga's data type");
    }

    @Saga(name = "bad-backoff")
    public static class UnparsableBackoff {
        @SagaStep(order = 1, backoff = "1s")
        public void charge(Data d) { }
    }

    @Saga(name = "bad-timeout")
    public static class UnparsableTimeout {
        @SagaStep(order = 1, timeout = "soon")
        public void charge(Data d) { }
    }

    @Saga(name = "zero-timeout")
    public static class ZeroTimeout {
        @SagaStep(order = 1, timeout = "PT0S")
        public void charge(Data d) { }
    }

    @Test
    void unparsableDurations() {
        assertContains(refused(UnparsableBackoff.class), "method charge", "backoff '1s'", "not an ISO-8601 duration");
        assertContains(refused(UnparsableTimeout.class), "method charge", "timeout 'soon'", "not an ISO-8601 duration");
        assertContains(refused(ZeroTimeout.class), "method charge", "timeout must be positive");
    }

    @Saga(name = "order-fulfilment")
    public static class SameNameAsValid {
        @SagaStep(order = 1)
        public void other(Data d) { }
    }

    @Test
    void twoSagasWithOneName() {
        SagaRegistry registry = new SagaRegistry();
        registry.register(Valid.class);
        SagaDefinitionException e = assertThrows(SagaDefinitionException.class,
                () -> registry.register(SameNameAsValid.class));
        assertContains(e, SameNameAsValid.class.getName(), "'order-fulfilment'", Valid.class.getName(),
                "with version 1", "a saga name and version must be unique");
        assertEquals(List.of("order-fulfilment"), registry.names());
    }

    public static class NotASaga {
        @SagaStep(order = 1)
        public void charge(Data d) { }
    }

    @Saga(name = "empty")
    public static class NoSteps {
    }

    @Saga(name = "private-step")
    public static class PrivateStep {
        @SagaStep(order = 1)
        void charge(Data d) { }
    }

    @Saga(name = "zero-attempts")
    public static class ZeroAttempts {
        @SagaStep(order = 1, maxAttempts = 0)
        public void charge(Data d) { }
    }

    @Saga(name = "no-ctor")
    public static class NoDefaultConstructor {
        public NoDefaultConstructor(String x) { }

        @SagaStep(order = 1)
        public void charge(Data d) { }
    }

    @Test
    void otherProblems() {
        assertContains(refused(NotASaga.class), NotASaga.class.getName(), "not annotated with @Saga");
        assertContains(refused(NoSteps.class), "declares no @SagaStep method");
        assertContains(refused(PrivateStep.class), "method charge", "must be public");
        assertContains(refused(ZeroAttempts.class), "method charge", "maxAttempts must be at least 1");
        SagaDefinitionException e = assertThrows(SagaDefinitionException.class,
                () -> new SagaRegistry().register(NoDefaultConstructor.class));
        assertContains(e, NoDefaultConstructor.class.getName(), "no-argument constructor", "register an instance");
    }

    private static SagaDefinitionException refused(Class<?> type) {
        SagaDefinitionException e = assertThrows(SagaDefinitionException.class, () -> SagaDefinitionReader.read(type));
        assertContains(e, type.getName());
        return e;
    }

    private static void assertContains(SagaDefinitionException e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' missing from: " + e.getMessage());
        }
    }
}
