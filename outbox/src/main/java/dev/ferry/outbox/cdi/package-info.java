/**
 * The outbox and inbox in a Jakarta EE application: the beans behind {@code @Inject Outbox},
 * {@code @Inject OutboxAdmin} and {@code @Inject Inbox}, and the CDI-event publisher.
 *
 * <p><b>API</b>: what these beans make injectable, the {@code ferry.*} keys they read, and the
 * {@link CdiEventPublisher} event contract. Application code injects, it does not call the beans.
 */
package dev.ferry.outbox.cdi;
