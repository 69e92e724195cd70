package dev.ferry.saga;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Starts saga instances, reports replies to waiting steps, and lets operators inspect, retry and
 * abort them.
 *
 * <p>Every method that changes a saga joins the caller's JTA transaction when there is one (so a
 * saga starts, or a reply is taken, if and only if that transaction commits) and runs in its own
 * transaction otherwise. Steps run later, on the engine's workers, once the change has committed.
 *
 * <pre>{@code
 * @Transactional
 * public void placeOrder(Order order) {
 *     em.persist(order);
 *     coordinator.start(OrderSaga.class, new OrderData(order.id()), "order-" + order.id());
 * }
 * }</pre>
 */
public interface SagaCoordinator {

    /**
     * Starts a saga.
     *
     * @param sagaType a registered {@link Saga} class
     * @param data the saga data: an instance of the steps' data type, Jackson-serializable
     * @return the new saga's id
     * @throws IllegalArgumentException if the type is not registered or the data has the wrong type
     * @throws SagaStoreException if the database failed, or Ferry's own transaction for the call did not commit
     */
    UUID start(Class<?> sagaType, Object data);

    /**
     * Starts a saga unless one of the same saga with the same idempotency key exists.
     *
     * @param sagaType a registered {@link Saga} class
     * @param data the saga data
     * @param idempotencyKey unique per saga name (at most 200 characters), or null for none
     * @return the id of the new saga, or of the existing one with that key (nothing new started)
     * @throws IllegalArgumentException if the type is not registered or the data has the wrong type
     * @throws SagaStoreException if the database failed, or Ferry's own transaction for the call did not commit
     */
    UUID start(Class<?> sagaType, Object data, String idempotencyKey);

    /**
     * Starts a saga by name.
     *
     * @param name a registered saga's {@link Saga#name()}
     * @param data the saga data
     * @return the new saga's id
     * @throws IllegalArgumentException if no saga of that name is registered or the data has the wrong type
     * @throws SagaStoreException if the database failed, or Ferry's own transaction for the call did not commit
     */
    UUID start(String name, Object data);

    /**
     * Starts a saga by name unless one with the same idempotency key exists.
     *
     * @param name a registered saga's {@link Saga#name()}
     * @param data the saga data
     * @param idempotencyKey unique per saga name, or null for none
     * @return the id of the new saga, or of the existing one with that key
     * @throws IllegalArgumentException if no saga of that name is registered or the data has the wrong type
     * @throws SagaStoreException if the database failed, or Ferry's own transaction for the call did not commit
     */
    UUID start(String name, Object data, String idempotencyKey);

    /**
     * @param id a saga id
     * @return the saga with its history, if it exists
     * @throws SagaStoreException if the database failed, or Ferry's own transaction for the call did not commit
     */
    Optional<SagaView> find(UUID id);

    /**
     * @param status the status to look for
     * @param limit at most this many, oldest first
     * @return the sagas in that status, with their history
     * @throws SagaStoreException if the database failed, or Ferry's own transaction for the call did not commit
     */
    List<SagaView> list(SagaStatus status, int limit);

    /**
     * Resumes the compensation of a {@link SagaStatus#PARKED} saga with fresh attempts.
     *
     * @param id the saga id
     * @return whether the saga was parked (and is now compensating)
     * @throws IllegalArgumentException if there is no such saga
     * @throws SagaStoreException if the database failed, or Ferry's own transaction for the call did not commit
     */
    boolean retry(UUID id);

    /**
     * Stops a running or waiting saga and compensates its completed steps now. A step attempt in
     * flight is rolled back; a waiting step (whose transaction committed) is compensated too.
     *
     * @param id the saga id
     * @return whether the saga was running or waiting (and is now compensating)
     * @throws IllegalArgumentException if there is no such saga
     * @throws SagaStoreException if the database failed, or Ferry's own transaction for the call did not commit
     */
    boolean abort(UUID id);

    /**
     * Reports the reply a waiting step was waiting for: the step completes and the saga moves on.
     * Duplicate or late replies are ignored.
     *
     * @param id the saga id
     * @param step the waiting step's name
     * @param reply the saga's new data (an instance of its data type), or null to keep the data
     * @return whether the saga was waiting at that step (false for a duplicate or late reply)
     * @throws IllegalArgumentException if there is no such saga, or the reply has the wrong type
     * @throws SagaStoreException if the database failed, or Ferry's own transaction for the call did not commit
     */
    boolean completeStep(UUID id, String step, Object reply);

    /**
     * Reports that a waiting step failed on the other side: the saga compensates the steps before
     * it (not the failed step itself, whose work the other side reports as not done).
     *
     * @param id the saga id
     * @param step the waiting step's name
     * @param reason why it failed, kept in the history
     * @return whether the saga was waiting at that step
     * @throws IllegalArgumentException if there is no such saga
     * @throws SagaStoreException if the database failed, or Ferry's own transaction for the call did not commit
     */
    boolean failStep(UUID id, String step, String reason);
}
