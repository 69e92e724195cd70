package dev.ferry.saga.definition;

/**
 * A saga definition with the object whose methods run its steps.
 *
 * @param definition the definition
 * @param target an instance of the saga class (or a container's proxy of it)
 */
public record BoundSaga(SagaDefinition definition, Object target) {
}
