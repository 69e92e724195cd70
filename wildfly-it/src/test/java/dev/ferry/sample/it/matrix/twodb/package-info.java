/**
 * The WAR {@code WildFlyTwoDatabasesIT} deploys: one EJB transaction writing to two PostgreSQL databases through two XA
 * data sources, each with its outbox (the default one and {@code @FerryOutbox("billing")}).
 */
package dev.ferry.sample.it.matrix.twodb;
