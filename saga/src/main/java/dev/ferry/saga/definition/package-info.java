/**
 * Reading and checking saga classes annotated with {@code @Saga} into definitions an engine runs.
 *
 * <p><b>Internal</b>: not API. No compatibility promise; application code must not use it.
 * Define sagas with the annotations of {@code dev.ferry.saga}.
 */
package dev.ferry.saga.definition;
