/**
 * Publishing through Jakarta Messaging, and reading Ferry's id on the consuming side.
 *
 * <p><b>API</b>: {@link JmsPublisher}, {@link JmsPublisherConfig} and {@link JmsInbound}.
 */
package dev.ferry.outbox.publish.jms;
