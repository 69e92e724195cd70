/**
 * Publishing to a listener in the same JVM, for tests and single-JVM applications.
 *
 * <p><b>API</b>: application code uses {@link InProcessPublisher} and {@link MessageListener}.
 */
package dev.ferry.outbox.inprocess;
