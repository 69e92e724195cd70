/**
 * The contract between the relay and a broker: implement {@link MessagePublisher} to send
 * {@link OutgoingMessage}s and tell the {@link DeliveryReport} what the broker confirmed.
 *
 * <p><b>SPI</b>: for people writing a publisher; compatibility is kept. Application code that only
 * writes messages does not need it.
 */
package dev.ferry.outbox.spi;
