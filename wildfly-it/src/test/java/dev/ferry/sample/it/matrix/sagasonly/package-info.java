/** The WAR {@code WildFlyPublishersIT} deploys with sagas only: no publisher, no outbox. */
package dev.ferry.sample.it.matrix.sagasonly;
