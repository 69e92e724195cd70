package dev.ferry.saga;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Starts saga instances, reports replies to waiting steps, and lets operators inspect and steer
 * them.
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
 *
 * <p>Operator actions ({@link #resume}, {@link #compensate}, {@link #skip}, {@link #cancel},
 * {@link #retryCompensation}, {@link #abort}) lock the saga, so a step attempt in flight finds the
 * saga changed and rolls back. Each writes an audit entry in the saga's history (action, actor,
 * reason, time; see {@link SagaView#audit()}), in the same transaction as the change. The actor is
 * the caller's principal in a Jakarta EE container ({@code "anonymous"} without one), and in Java SE
 * the name given to {@link #withActor(String)} ({@code "anonymous"} without one). An action on an id
 * that names no saga throws {@link UnknownSagaException}; an action the saga's status does not allow
 * throws {@link IllegalStateException} naming the status and the action.
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
     * Finds the saga started with an idempotency key.
     *
     * @param name the saga name ({@link Saga#name()})
     * @param idempotencyKey the key it was started with
     * @return the saga with its history, if one of that name has that key
     * @throws SagaStoreException if the database failed, or Ferry's own transaction for the call did not commit
     */
    Optional<SagaView> findByIdempotencyKey(String name, String idempotencyKey);

    /**
     * Lists sagas that match a query, a page at a time, oldest first, without data or history. Pages
     * are keyset pages: a saga started or changed while an operator pages appears at most once, and
     * every saga that matches throughout appears exactly once.
     *
     * @param query the conditions, the page size and the cursor of the page
     * @return the page, with the cursor of the next one unless it is the last
     * @throws IllegalArgumentException if the query's cursor is not one this coordinator handed out
     * @throws SagaStoreException if the database failed, or Ferry's own transaction for the call did not commit
     */
    SagaPage query(SagaQuery query);

    /**
     * Counts the sagas that match a query (its limit and cursor aside).
     *
     * @param query the conditions
     * @return how many sagas match
     * @throws SagaStoreException if the database failed, or Ferry's own transaction for the call did not commit
     */
    long count(SagaQuery query);

    /**
     * Resumes the compensation of a {@link SagaStatus#PARKED} saga with fresh attempts.
     *
     * @param id the saga id
     * @return whether the saga was parked (and is now compensating)
     * @throws IllegalArgumentException if there is no such saga
     * @throws SagaStoreException if the database failed, or Ferry's own transaction for the call did not commit
     * @deprecated the name hides which way the saga goes; use {@link #retryCompensation(UUID, String)},
     *     which records a reason (this records none) and throws for a saga that is not parked
     */
    @Deprecated
    boolean retry(UUID id);

    /**
     * Retries the parked compensation of a {@link SagaStatus#PARKED} saga with fresh attempts; the
     * saga goes on compensating from there.
     *
     * @param id the saga id
     * @param reason why, kept in the audit entry
     * @return the saga's new status, {@link SagaStatus#COMPENSATING}
     * @throws UnknownSagaException if there is no such saga
     * @throws IllegalStateException if the saga is not PARKED, or its version is not registered here
     * @throws SagaStoreException if the database failed, or Ferry's own transaction for the call did not commit
     */
    SagaStatus retryCompensation(UUID id, String reason);

    /**
     * Runs the step a {@link SagaStatus#SUSPENDED} saga is parked on again, with fresh attempts
     * (and a fresh timeout).
     *
     * @param id the saga id
     * @param reason why, kept in the audit entry
     * @return the saga's new status, {@link SagaStatus#RUNNING}
     * @throws UnknownSagaException if there is no such saga
     * @throws IllegalStateException if the saga is not SUSPENDED, or its version is not registered here
     * @throws SagaStoreException if the database failed, or Ferry's own transaction for the call did not commit
     */
    SagaStatus resume(UUID id, String reason);

    /**
     * Compensates a {@link SagaStatus#SUSPENDED} saga: the steps its history shows completed (and
     * not yet compensated), newest first.
     *
     * @param id the saga id
     * @param reason why, kept in the audit entry
     * @return the saga's new status: {@link SagaStatus#COMPENSATING}, or {@link SagaStatus#COMPENSATED}
     *     when nothing is to be compensated
     * @throws UnknownSagaException if there is no such saga
     * @throws IllegalStateException if the saga is not SUSPENDED, or its version is not registered here
     * @throws SagaStoreException if the database failed, or Ferry's own transaction for the call did not commit
     */
    SagaStatus compensate(UUID id, String reason);

    /**
     * Marks the step a saga is stuck at done, as if it had completed with the given data, and moves
     * the saga on to the next step. Applies to a step that failed ({@link SagaStatus#SUSPENDED} at
     * it, or {@link SagaStatus#RUNNING} between failed attempts) or waits for a reply
     * ({@link SagaStatus#WAITING}). A skipped step counts as completed: a later compensation
     * compensates it too.
     *
     * @param id the saga id
     * @param step the step's name; must be the step the saga is at
     * @param data the saga's new data (an instance of its data type), or null to keep the data
     * @param reason why, kept in the audit entry
     * @return the saga's new status: {@link SagaStatus#RUNNING}, or {@link SagaStatus#COMPLETED} after
     *     the last step
     * @throws UnknownSagaException if there is no such saga
     * @throws IllegalArgumentException if the saga has no such step, or the data has the wrong type
     * @throws IllegalStateException if the saga is not at that step in one of those statuses, or its
     *     version is not registered here
     * @throws SagaStoreException if the database failed, or Ferry's own transaction for the call did not commit
     */
    SagaStatus skip(UUID id, String step, Object data, String reason);

    /**
     * Ends a saga that is not final without compensating anything: its status becomes
     * {@link SagaStatus#CANCELLED}. Works also when the saga's version is not registered here.
     *
     * @param id the saga id
     * @param reason why, kept in the audit entry
     * @return the saga's new status, {@link SagaStatus#CANCELLED}
     * @throws UnknownSagaException if there is no such saga
     * @throws IllegalStateException if the saga is already final (COMPLETED, COMPENSATED or CANCELLED)
     * @throws SagaStoreException if the database failed, or Ferry's own transaction for the call did not commit
     */
    SagaStatus cancel(UUID id, String reason);

    /**
     * A coordinator whose operator actions record the given actor in their audit entries: in Java
     * SE, where no container knows the caller.
     *
     * @param actor who acts (at most 200 characters)
     * @return a coordinator sharing this one's engine
     * @throws IllegalArgumentException if the actor is blank or longer than 200 characters
     */
    SagaCoordinator withActor(String actor);

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
     * Stops a running or waiting saga and compensates its completed steps now, as {@link #abort(UUID)},
     * recording why.
     *
     * @param id the saga id
     * @param reason why, kept in the audit entry
     * @return the saga's new status: {@link SagaStatus#COMPENSATING}, or {@link SagaStatus#COMPENSATED}
     *     when nothing is to be compensated
     * @throws UnknownSagaException if there is no such saga
     * @throws IllegalStateException if the saga is not RUNNING or WAITING, or its version is not registered here
     * @throws SagaStoreException if the database failed, or Ferry's own transaction for the call did not commit
     */
    SagaStatus abort(UUID id, String reason);

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
