/**
 * Publishing to Apache Kafka, and reading Ferry's id and headers on the consuming side.
 *
 * <p><b>API</b>: {@link KafkaPublisher}, {@link KafkaPublisherConfig} and {@link KafkaInbound}.
 */
package dev.ferry.outbox.publish.kafka;
