/**
 * Publishing to RabbitMQ with publisher confirms, and reading Ferry's id on the consuming side.
 *
 * <p><b>API</b>: {@link RabbitMqPublisher}, {@link RabbitMqPublisherConfig},
 * {@link RabbitMqInbound} and {@link UnroutableMessageException}. The rest is package-private.
 */
package dev.ferry.outbox.publish.rabbitmq;
