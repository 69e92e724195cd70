/**
 * The outbox seen from outside: its backlog figures (pending messages, the oldest one's age, dead
 * messages), the gauges that publish them, and its health checks. {@code OutboxEngine.health()}
 * and the MicroProfile Health checks in a server read them from here.
 */
package dev.ferry.outbox.observe;
