package dev.ferry.saga.config;

/**
 * What an engine does at start-up with in-flight instances (RUNNING, WAITING, COMPENSATING) of a
 * saga it runs whose definition version is not registered with it
 * ({@link SagaSettings#unknownVersions()}, key {@code ferry.saga.unknown-versions}).
 */
public enum UnknownVersions {
    /** Refuse to start (the deployment fails), naming the saga, the version and the count. The default. */
    FAIL,
    /**
     * Park them for an operator (SUSPENDED, or PARKED in compensation), with a message naming the
     * version; an operator cancels them, or registers the version and resumes them.
     */
    PARK
}
