/**
 * Health of Ferry's engines, whatever reports it: {@code engine.health()} in Java SE, MicroProfile
 * Health checks in a server. A {@link dev.ferry.runtime.health.HealthReport} holds liveness checks
 * (a relay or worker thread that died) and readiness checks (the database answers; optional
 * thresholds on backlog, dead messages and parked sagas), each with the figures it judged.
 */
package dev.ferry.runtime.health;
