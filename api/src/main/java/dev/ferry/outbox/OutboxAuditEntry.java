package dev.ferry.outbox;

import java.time.Instant;
import java.util.UUID;

/**
 * The audit entry of an operator's action on dead messages: what, who, why and when. Written in the
 * action's transaction, so an action that rolls back leaves none.
 *
 * @param action what was done
 * @param messageId the message acted on, or null for an action on many
 * @param topic the message's topic (or the replayed topic), or null for an action on every topic
 * @param affected how many dead messages the action changed (0 when the message was not dead)
 * @param actor who acted
 * @param reason why, as the operator gave it, or null
 * @param at when (UTC)
 */
public record OutboxAuditEntry(OutboxAction action, UUID messageId, String topic, int affected, String actor,
                               String reason, Instant at) {
}
