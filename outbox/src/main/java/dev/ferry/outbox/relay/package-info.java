/**
 * The relay: claims committed messages, hands them to the publisher and records the outcome.
 *
 * <p><b>API</b>: the instance methods of {@link OutboxRelay}, which {@code OutboxEngine.relay()} hands
 * out; compatibility is kept. {@link OutboxRelay#create} is internal, and the classes behind the
 * interface are package-private.
 */
package dev.ferry.outbox.relay;
