/**
 * The sample application: orders written with their outbox message and fulfilment saga in one transaction,
 * the MDB and CDI consumers that receive the messages through the inbox, a payout saga an operator resumes,
 * and the REST resources the tests drive.
 */
package dev.ferry.sample;
