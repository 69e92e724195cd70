/** A WAR injecting a named outbox it does not configure, which WildFly must refuse to deploy. */
package dev.ferry.sample.it.matrix.twodb.unconfigured;
