/**
 * Publishing to an HTTP webhook, and checking its signature on the receiving side.
 *
 * <p><b>API</b>: {@link WebhookPublisher}, {@link WebhookPublisherConfig},
 * {@link WebhookRejectedException} and {@link WebhookSignature}.
 */
package dev.ferry.outbox.publish.http;
