package dev.ferry.outbox.relay;

/**
 * What became of one claimed message in a publish round.
 *
 * @param message the message
 * @param kind delivered, failed (an attempt counted), or not attempted (its key failed earlier)
 * @param error the failure, for {@code FAILED}
 */
record Outcome(ClaimedMessage message, Kind kind, String error) {

    enum Kind { DELIVERED, FAILED, NOT_ATTEMPTED }
}
