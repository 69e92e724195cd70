/**
 * Machinery the shipped publishers share: sending a batch in rounds per key and awaiting the
 * broker's confirmations.
 *
 * <p><b>Internal</b>: not API. No compatibility promise; application code must not use it.
 * The publishers themselves, in the subpackages, are API.
 */
package dev.ferry.outbox.publish;
