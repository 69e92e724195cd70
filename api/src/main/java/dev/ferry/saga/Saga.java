package dev.ferry.saga;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Stereotype;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a class as a saga definition: a sequence of {@link SagaStep} methods run in their
 * {@linkplain SagaStep#order() order}, each with an optional compensation.
 *
 * <pre>{@code
 * @Saga(name = "order-fulfilment")
 * public class OrderSaga {
 *     @SagaStep(order = 1, compensateWith = "releaseStock")
 *     public void reserveStock(OrderData data) { ... }
 *     public void releaseStock(OrderData data) { ... }
 *
 *     @SagaStep(order = 2, compensateWith = "refund", maxAttempts = 5, backoff = "PT1S", timeout = "PT30S")
 *     public OrderData charge(OrderData data, SagaContext ctx) { ...; return data.withPaymentId(id); }
 *     public void refund(OrderData data) { ... }
 *
 *     @SagaStep(order = 3)
 *     public void ship(OrderData data) { ... }
 * }
 * }</pre>
 *
 * <p>The definition is checked when it is registered; a broken one is refused with a
 * {@link SagaDefinitionException} naming the class, the method and the problem.
 *
 * <p>In a Jakarta EE application {@code @Saga} is a CDI stereotype: a saga class is an
 * {@code @ApplicationScoped} bean (unless it declares another scope), found and checked at
 * deployment, and its steps may use injected EJBs, entity managers and data sources. In Java SE
 * the CDI annotations are ignored.
 */
@Stereotype
@ApplicationScoped
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Saga {

    /**
     * @return the saga's name, unique among the sagas of an application and stored with every
     *     instance (at most 200 characters); keep it stable across releases
     */
    String name();

    /**
     * @return the definition's version (at least 1). Each instance stores the version it started on
     *     and runs to its end on it; raise the version when steps are added, removed or reordered, and
     *     keep the previous class (same name, its version) registered until its instances finish
     */
    int version() default 1;
}
