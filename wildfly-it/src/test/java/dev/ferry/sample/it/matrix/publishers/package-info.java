/** The WAR {@code WildFlyPublishersIT} deploys with {@code ferry.outbox.publisher=rabbitmq} and {@code kafka}. */
package dev.ferry.sample.it.matrix.publishers;
